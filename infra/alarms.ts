// Alarms an operator of a region needs: function errors and throttles, schedule events left
// in the dead-letter queue, and deadlines overdue (the deadline check publishes the count).
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OVERDUE_METRIC } from '../shared/domain/escalation.ts';

export interface PetitionAlarmsProps {
  functions: IFunction[];
  deadLetters: IQueue;
  alarmTopic: ITopic;
  jurisdiction: string;
}

export class PetitionAlarms extends Construct {
  constructor(scope: Construct, id: string, props: PetitionAlarmsProps) {
    super(scope, id);
    const notify = new SnsAction(props.alarmTopic);
    const alarm = (name: string, metric: Metric, threshold: number, description: string) =>
      new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(notify);

    props.functions.forEach((fn, i) => {
      alarm(`Errors${i}`, fn.metricErrors({ period: Duration.minutes(5) }), 1, `Errors in ${fn.node.path}`);
      alarm(
        `Throttles${i}`,
        fn.metricThrottles({ period: Duration.minutes(5) }),
        1,
        `Throttles of ${fn.node.path}`,
      );
    });
    alarm(
      'ScheduleDeadLetters',
      props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      1,
      'A scheduled job failed past its retries (deadline check or notice delivery)',
    );
    alarm(
      'OverdueDeadlines',
      new Metric({
        namespace: OVERDUE_METRIC.namespace,
        metricName: OVERDUE_METRIC.name,
        dimensionsMap: { jurisdiction: props.jurisdiction },
        statistic: 'Maximum',
        period: Duration.minutes(15),
      }),
      1,
      'Office deadlines are overdue: the supervisor (督辦) has been told on each case',
    );
  }
}
