// Open311 GeoReport v2 in the domain's words: the region's categories as services, a
// client's form as the web form's petition, and a case file as a service request that
// carries nothing personal (art. 30): no name, phone, ID number or address, the petition's
// text only to the client whose submission opened the case.
import type { RegionConfig } from '../region.ts';
import type { CaseFile } from './case.ts';
import { isResolved, STATUS_LABELS } from './case-status.ts';
import { zonedIso } from './local-time.ts';
import type { WebPetition } from './petition.ts';
import { nextOwed, stepLabel } from './public-view.ts';
import { regionScript } from './region-script.ts';

/** The spec's own identifier of this version of the server (discovery). */
export const OPEN311_CHANGESET = '2026-12-06T00:00:00Z';

import type { Bilingual } from '../errors.ts';

/** A text in the region's language and script. */
export function regionWords(region: RegionConfig): (text: Bilingual) => string {
  const script = regionScript(region.region.language);
  return (text) => (region.region.language === 'en' ? text.en : script(text.zh));
}

export function services(region: RegionConfig) {
  const words = regionWords(region);
  return region.categories.map((category) => {
    const lead = region.departments.find((d) => d.code === category.leadDepartment);
    return {
      service_code: category.code,
      service_name: words(category.name),
      description: words({
        zh: `信訪事項：${category.name.zh}（屬信訪工作條例受理範圍的投訴請求）`,
        en: `Petition: ${category.name.en} (a matter under the Regulations on Letters and Visits)`,
      }),
      metadata: true,
      type: 'realtime',
      keywords: '',
      group: lead ? words(lead.name) : '',
    };
  });
}

/** The attributes a petition needs beyond the spec's fields, in the order a form asks for them. */
export function serviceDefinition(region: RegionConfig, serviceCode: string) {
  const words = regionWords(region);
  const attribute = (
    code: string,
    datatype: 'string' | 'text' | 'number' | 'singlevaluelist',
    required: boolean,
    description: Bilingual,
    values?: Array<{ key: string; name: string }>,
  ) => ({
    variable: true,
    code,
    datatype,
    required,
    datatype_description: '',
    order: 0,
    description: words(description),
    ...(values && { values }),
  });
  const attributes = [
    attribute('subject', 'string', true, {
      zh: '事項標題（2 至 100 字）',
      en: 'Subject (2 to 100 characters)',
    }),
    attribute(
      'township',
      'singlevaluelist',
      false,
      {
        zh: '事項所在鄉鎮；不填時須在 address_string 中寫明鄉鎮名稱',
        en: "The matter's township; without it, address_string must name one",
      },
      region.townships.map((t) => ({ key: t.code, name: words(t.name) })),
    ),
    attribute(
      'consent',
      'singlevaluelist',
      true,
      {
        zh: '信訪人同意本機關為辦理信訪事項處理其個人信息',
        en: 'The petitioner consents to the office processing their personal data to handle the petition',
      },
      [{ key: 'true', name: words({ zh: '同意', en: 'I consent' }) }],
    ),
    attribute('requested_outcome', 'text', false, {
      zh: '訴求（選填）',
      en: 'What the petitioner asks for (optional)',
    }),
    attribute('co_signers', 'number', false, {
      zh: '聯名人數（選填）',
      en: 'How many others sign the petition (optional)',
    }),
    attribute('id_number', 'string', false, {
      zh: '信訪人居民身份證號碼（選填）',
      en: "The petitioner's resident ID number (optional)",
    }),
  ].map((a, i) => ({ ...a, order: i + 1 }));
  return { service_code: serviceCode, attributes };
}

/** What a client posts (the form, the key and jurisdiction taken out). */
export interface ServiceRequestForm {
  service_code: string;
  description: string;
  first_name?: string | undefined;
  last_name?: string | undefined;
  phone?: string | undefined;
  address_string?: string | undefined;
  attribute?: Record<string, string | string[]> | undefined;
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The township a request names: its attribute, else the one township its address names. */
export function townshipOf(form: ServiceRequestForm, region: RegionConfig): string | undefined {
  const chosen = single(form.attribute?.township);
  if (chosen) return chosen;
  // Compared in one script: a client may write 柳樹鄉 where the region file has 柳树乡.
  const simplified = regionScript('zh-Hans');
  const address = simplified(form.address_string ?? '');
  const named = region.townships.filter((t) => address.includes(simplified(t.name.zh)));
  return named.length === 1 ? named[0]?.code : undefined;
}

/** The web form's petition a request makes; the petition's own schema then checks it, field by field. */
export function petitionOf(
  form: ServiceRequestForm,
  region: RegionConfig,
): Record<keyof WebPetition, unknown> {
  const attribute = (code: string) => single(form.attribute?.[code]);
  const coSigners = attribute('co_signers');
  // A Chinese name is written family name first.
  const name = `${form.last_name ?? ''}${form.first_name ?? ''}`.trim();
  return {
    petitioner: {
      name,
      phone: form.phone,
      ...(attribute('id_number') && { idNumber: attribute('id_number') }),
    },
    township: townshipOf(form, region),
    category: form.service_code,
    subject: attribute('subject'),
    description: form.description,
    requestedOutcome: attribute('requested_outcome'),
    coSigners: coSigners === undefined || coSigners === '' ? undefined : Number(coSigners),
    consent: attribute('consent') === 'true' ? true : attribute('consent'),
    previouslyRaisedWith: undefined,
    complainsAbout: undefined,
    complainsAboutOfficials: undefined,
    representatives: undefined,
  };
}

/** A petition field as the client named it (`petitioner.phone` is its `phone`). */
export function open311Field(field: string): string {
  const named: Record<string, string> = {
    'petitioner.name': 'last_name',
    'petitioner.phone': 'phone',
    'petitioner.idNumber': 'attribute[id_number]',
    township: 'attribute[township]',
    category: 'service_code',
    subject: 'attribute[subject]',
    description: 'description',
    requestedOutcome: 'attribute[requested_outcome]',
    coSigners: 'attribute[co_signers]',
    consent: 'attribute[consent]',
  };
  return named[field] ?? field;
}

/** Markup where plain text belongs: refused, so no reader ever renders a client's HTML. */
export const looksLikeMarkup = (text: string) => /<\s*[a-z!/?]/i.test(text);

/**
 * A case file as a service request: open or closed, its step in the region's words, the
 * department handling it and the date the office owes its next answer by. `own` is the
 * client's record of it; the petition's text only when its submission opened the case.
 */
export function serviceRequestOf(caseFile: CaseFile, region: RegionConfig, opened: boolean) {
  const words = regionWords(region);
  const zone = region.region.timeZone;
  const category = region.categories.find((c) => c.code === caseFile.category);
  const department = region.departments.find((d) => d.code === caseFile.handlingDepartment);
  const township = region.townships.find((t) => t.code === caseFile.township);
  const due = isResolved(caseFile.status) ? undefined : nextOwed(caseFile);
  return {
    service_request_id: caseFile.caseId,
    status: isResolved(caseFile.status) ? ('closed' as const) : ('open' as const),
    status_notes: words(STATUS_LABELS[caseFile.status]),
    service_name: category ? words(category.name) : caseFile.category,
    service_code: caseFile.category,
    ...(opened && !caseFile.disposed && { description: caseFile.description }),
    agency_responsible: department ? words(department.name) : '',
    service_notice: '',
    requested_datetime: zonedIso(caseFile.receivedAt, zone),
    updated_datetime: zonedIso(caseFile.updatedAt, zone),
    // The end of the day the office owes its answer by, in the region's zone.
    expected_datetime: due ? `${due.dueDate}T23:59:59${zonedIso(caseFile.receivedAt, zone).slice(19)}` : '',
    address: township ? words(township.name) : '',
    address_id: '',
    zipcode: '',
    media_url: '',
  };
}

export type ServiceRequest = ReturnType<typeof serviceRequestOf>;

/** Each step the case took, as the updates feed (FixMyStreet's servicerequestupdates) lists them. */
export function updatesOf(caseFile: CaseFile, region: RegionConfig) {
  const words = regionWords(region);
  return caseFile.milestones.map((milestone, i) => ({
    update_id: `${caseFile.caseId}-${i + 1}`,
    service_request_id: caseFile.caseId,
    status: i === caseFile.milestones.length - 1 && isResolved(caseFile.status) ? 'closed' : 'open',
    updated_datetime: `${milestone.on}T00:00:00${zonedIso(caseFile.receivedAt, region.region.timeZone).slice(19)}`,
    description: words(stepLabel(milestone.step)),
    media_url: '',
  }));
}
