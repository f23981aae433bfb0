// The scheduled jobs: EventBridge rules on AWS, timers under `npm start`.
export const SCHEDULED_FUNCTIONS = ['notices', 'deadlines', 'anchors', 'retention'] as const;
export type ScheduledFunctionName = (typeof SCHEDULED_FUNCTIONS)[number];

export interface Schedule {
  function: ScheduledFunctionName;
  everyMinutes: number;
  description: string;
}

export const schedules: Schedule[] = [
  { function: 'notices', everyMinutes: 1, description: 'Deliver pending notices from the outbox' },
  { function: 'deadlines', everyMinutes: 15, description: 'Check deadlines: remind, then escalate (督辦)' },
  {
    function: 'anchors',
    everyMinutes: 60,
    description: "Seal yesterday's timeline heads outside the table (write-once anchor)",
  },
  {
    function: 'retention',
    everyMinutes: 24 * 60,
    description:
      'Retention: restrict personal data past its active period, list what is due for disposal, carry out approved lists',
  },
];
