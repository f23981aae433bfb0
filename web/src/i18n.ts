// The pages' words in Chinese (default) and English.
export type Language = 'zh' | 'en';

export const TEXT = {
  site: { zh: '網上信訪', en: 'Online petitions' },
  skip: { zh: '跳到主要內容', en: 'Skip to main content' },
  footer: {
    zh: '信訪是法律保障的權利。本系統只記錄您的信訪事項及其辦理情況。',
    en: 'Petitioning is a right protected by law. This system records only your matter and how it is handled.',
  },
  formTitle: { zh: '提出信訪事項', en: 'Submit a petition' },
  formIntro: {
    zh: '請如實填寫。提交後您會得到一個回執碼，可用來查詢辦理進度。',
    en: 'Please fill this in truthfully. You will get a receipt code to check progress with.',
  },
  summaryTitle: { zh: '請更正以下內容', en: 'Please correct the following' },
  aboutYou: { zh: '您的資料', en: 'About you' },
  name: { zh: '姓名', en: 'Name' },
  phone: { zh: '聯繫電話', en: 'Phone' },
  phoneHint: {
    zh: '查詢進度時需輸入電話號碼的後4位。',
    en: "You will need the phone number's last 4 digits to check progress.",
  },
  idNumber: { zh: '身份證號碼（選填）', en: 'Resident ID number (optional)' },
  address: { zh: '地址（選填）', en: 'Address (optional)' },
  matter: { zh: '信訪事項', en: 'Your matter' },
  township: { zh: '所在鄉鎮（街道）', en: 'Township or subdistrict' },
  category: { zh: '事項類別', en: 'Category' },
  choose: { zh: '請選擇', en: 'Choose' },
  subject: { zh: '事項標題', en: 'Subject' },
  description: { zh: '具體情況', en: 'What happened' },
  requestedOutcome: { zh: '您的請求（選填）', en: 'What you ask for (optional)' },
  raisedWith: {
    zh: '此前已向哪些部門或鄉鎮反映（選填，可多選）',
    en: 'Departments or townships you already raised it with (optional, several allowed)',
  },
  joint: { zh: '聯名信訪（選填）', en: 'Joint petition (optional)' },
  jointHint: {
    zh: '多人就同一事項信訪，最多推選5名代表。',
    en: 'Several people on one matter choose at most 5 representatives.',
  },
  addRep: { zh: '增加代表', en: 'Add a representative' },
  removeRep: { zh: '刪除此代表', en: 'Remove this representative' },
  representative: { zh: '代表', en: 'Representative' },
  coSigners: { zh: '聯名人數（選填）', en: 'Number of co-signers (optional)' },
  privacy: { zh: '個人信息', en: 'Personal information' },
  privacyText: {
    zh: '您的個人信息只用於辦理本信訪事項和告知您辦理情況，不會提供給被反映的單位或個人。',
    en: 'Your personal information is used only to handle this matter and tell you about it; it is never given to those you complain about.',
  },
  consent: { zh: '我已閱讀並同意', en: 'I have read this and agree' },
  submit: { zh: '提交', en: 'Submit' },
  sending: { zh: '正在提交…', en: 'Sending…' },
  failed: { zh: '提交失敗，請稍後再試。', en: 'Sending failed; please try again later.' },
  receiptTitle: { zh: '已收到您的信訪事項', en: 'Your petition was received' },
  yourCode: { zh: '您的回執碼', en: 'Your receipt code' },
  keepCode: { zh: '請記下此回執碼，查詢進度時需要。', en: 'Keep this code: you need it to check progress.' },
  alreadyOnFile: {
    zh: '此事項已有記錄，本次提交已併入原案件，回執碼不變。',
    en: 'This matter is already on file: your submission joined it, under the same receipt code.',
  },
  whatNext: { zh: '接下來', en: 'What happens next' },
  nextSteps: {
    zh: '信訪局將登記您的事項並轉交主管部門，由其決定是否受理並書面告知您。',
    en: 'The petition bureau registers your matter and sends it to the competent department, which decides whether to accept it and tells you in writing.',
  },
  dueBy: { zh: '辦理期限', en: 'Due by' },
  howToCheck: { zh: '查詢辦理進度', en: 'Check progress' },
  noReceipt: { zh: '沒有找到本次提交的回執。', en: 'No receipt from this visit was found.' },
  statusTitle: { zh: '查詢辦理進度', en: 'Check progress' },
  receiptCode: { zh: '回執碼', en: 'Receipt code' },
  verifier: { zh: '電話號碼後4位', en: 'Last 4 digits of your phone' },
  check: { zh: '查詢', en: 'Check' },
  notFound: {
    zh: '沒有找到相符的案件。請核對回執碼和電話號碼後4位；多次輸入錯誤後須稍後再試。',
    en: 'No matching case. Check the receipt code and the last 4 digits; after several wrong tries, wait a while.',
  },
  status: { zh: '目前狀態', en: 'Status' },
  receivedOn: { zh: '收件日期', en: 'Received on' },
  steps: { zh: '辦理經過', en: 'Steps so far' },
  extendedFrom: { zh: '經批准延長，原期限', en: 'extended; it was due on' },
  nextDeadline: { zh: '下一期限', en: 'Next deadline' },
  department: { zh: '辦理單位', en: 'Handling department' },
  bureau: { zh: '信訪局（登記轉送中）', en: 'Petition bureau (registering)' },
  repeats: { zh: '重複提交次數', en: 'Repeat submissions' },
  noticesSent: { zh: '已發出的書面告知', en: 'Written notices sent' },
  sentOn: { zh: '發出', en: 'sent' },
  deliveredOn: { zh: '送達', en: 'delivered' },
  notYetDelivered: { zh: '尚未送達', en: 'not yet delivered' },
  joined: {
    zh: '已併入同一事項的案件統一辦理，收件編號',
    en: 'Joined the file of the same matter, receipt code',
  },
  mayRepeat: {
    zh: '可能與您先前提交的事項相同（收件編號），工作人員核實後會告知',
    en: 'May be the same matter as your earlier petition (receipt code); staff will check and tell you',
  },
  rateLink: { zh: '評價辦理情況', en: 'Rate the handling' },
  rateTitle: { zh: '評價辦理情況', en: 'Rate the handling' },
  yourRating: { zh: '您對辦理情況的評價', en: 'Your rating of the handling' },
  satisfied: { zh: '滿意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本滿意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不滿意', en: 'Dissatisfied' },
  comment: { zh: '意見（選填）', en: 'Comment (optional)' },
  send: { zh: '提交評價', en: 'Send rating' },
  thanks: { zh: '謝謝，您的評價已記錄。', en: 'Thank you: your rating is recorded.' },
  chooseRating: { zh: '請選擇一項評價。', en: 'Choose a rating.' },
  required: { zh: '此欄位必填。', en: 'This field is required.' },
  attachments: { zh: '附件（選填）', en: 'Files (optional)' },
  chooseFiles: { zh: '照片或PDF文件', en: 'Photos or PDF files' },
  filesHint: {
    zh: '最多5個文件，每個不超過10 MB：JPEG或PNG照片、PDF文件。文件經檢查後存入案卷，只有辦理人員可以查看。',
    en: 'Up to 5 files of at most 10 MB each: JPEG or PNG photos, PDF documents. Each is checked, then kept on your case file, seen only by those handling it.',
  },
  uploading: { zh: '正在上傳', en: 'Uploading' },
  uploaded: { zh: '已上傳，正在檢查', en: 'Sent; being checked' },
  uploadFailed: {
    zh: '未能上傳：可在「查詢辦理進度」頁面重新上傳',
    en: 'Not sent: you can send it again from the progress page',
  },
  filesSent: { zh: '您提交的附件', en: 'Files you sent' },
  fileUploading: { zh: '等待上傳', en: 'Waiting for the upload' },
  fileProcessing: { zh: '正在檢查', en: 'Being checked' },
  fileAvailable: { zh: '已存入案卷', en: 'Kept on the case file' },
  fileRefused: { zh: '未被接收', en: 'Not accepted' },
  addFiles: { zh: '補充附件', en: 'Send more files' },
  sendFiles: { zh: '上傳', en: 'Upload' },
  myData: { zh: '您的個人信息', en: 'Your personal data' },
  myDataHint: {
    zh: '您可以下載案卷副本，或請求更正、刪除您的個人信息；每項請求都會有答覆並說明理由。',
    en: 'You may download a copy of your file, or ask for your data to be corrected or deleted; every request is answered with the reason.',
  },
  downloadCopy: { zh: '下載案卷副本（PDF）', en: 'Download a copy of your file (PDF)' },
  copyReady: { zh: '副本已下載。', en: 'The copy was downloaded.' },
  requestKind: { zh: '請求類型', en: 'What you ask for' },
  askCorrection: {
    zh: '更正聯絡資料或反映內容',
    en: 'A correction of your contact details or your submission',
  },
  askDeletion: { zh: '刪除個人信息', en: 'Deletion of your personal data' },
  newPhone: { zh: '新的聯繫電話（更正時選填）', en: 'New phone number (optional, for a correction)' },
  newAddress: { zh: '新的地址（更正時選填）', en: 'New address (optional, for a correction)' },
  requestText: {
    zh: '請說明需要更正的內容或刪除的理由',
    en: 'What should be corrected, or why the data should go',
  },
  sendRequest: { zh: '提交請求', en: 'Send the request' },
  requestSent: { zh: '請求已記錄，編號', en: 'Your request is recorded as' },
  yourRequests: { zh: '您的個人信息請求', en: 'Your requests about your data' },
  waitingDecision: { zh: '待答覆', en: 'Waiting for the answer' },
  granted: { zh: '同意', en: 'Granted' },
  refused: { zh: '不予同意', en: 'Refused' },
  verifyTitle: { zh: '查驗文書', en: 'Verify a document' },
  verifyIntro: {
    zh: '本局發出的書面告知書、意見書均印有文號和查驗碼，並帶有本局的電子簽名。輸入文號和查驗碼，或選擇您收到的PDF文件，即可核對文書是否由本局發出、是否被改動。',
    en: "The bureau's notices and opinions carry a document number, a check code and the bureau's electronic signature. Enter the number and the code, or choose the PDF you received, to check that the bureau issued it and that nothing was changed.",
  },
  documentNumber: { zh: '文號', en: 'Document number' },
  checkCode: { zh: '查驗碼', en: 'Check code' },
  verify: { zh: '查驗', en: 'Verify' },
  orFile: { zh: '或選擇PDF文件', en: 'Or choose the PDF file' },
  verifyFile: { zh: '查驗文件', en: 'Verify the file' },
  chooseFile: { zh: '請選擇PDF文件。', en: 'Choose a PDF file.' },
  verified: { zh: '查驗通過', en: 'Verified' },
  issuedBy: { zh: '發文機關', en: 'Issued by' },
  issuedOn: { zh: '發文日期', en: 'Issued on' },
  documentType: { zh: '文書種類', en: 'Document' },
  fileIntact: {
    zh: '文件帶有本局的電子簽名，簽名後未被改動。',
    en: "The file carries the bureau's electronic signature and has not been changed since it was signed.",
  },
  fileChanged: {
    zh: '文件簽名後已被改動，或簽名不是本局的：內容不可信，請向本局核實。',
    en: "The file was changed after it was signed, or the signature is not the bureau's: do not rely on it; ask the bureau.",
  },
  fileUnsigned: {
    zh: '此文件沒有電子簽名，無法確認由本局發出。',
    en: 'The file carries no electronic signature: it cannot be confirmed as the bureau’s.',
  },
  noDocument: {
    zh: '查無此文書：請核對文號和查驗碼。多次輸入錯誤後須稍後再試。',
    en: 'No such document: check the number and the code. After several wrong tries, wait a while.',
  },
  badCode: { zh: '回執碼應為10位字母和數字。', en: 'A receipt code has 10 letters and digits.' },
  badVerifier: { zh: '請輸入4位數字。', en: 'Enter 4 digits.' },
} as const satisfies Record<string, Record<Language, string>>;

export type TextKey = keyof typeof TEXT;

const STORAGE_KEY = 'petition-desk-language';

// REGION_LANGUAGE is set by the web build; these are functions so the build itself (Node,
// which imports TEXT for the pages' titles) never reads it.

/** The region's own language comes first; the other one is the switch. */
export function currentLanguage(): Language {
  const chosen = localStorage.getItem(STORAGE_KEY);
  if (chosen === 'en' || chosen === 'zh') return chosen;
  return REGION_LANGUAGE === 'en' ? 'en' : 'zh';
}

/** The language tag of a language, for `lang` attributes: the Chinese in the region's script. */
export const languageTag = (language: Language) =>
  language === 'en' ? 'en' : REGION_LANGUAGE === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans';

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
}

export function t(key: TextKey, language = currentLanguage()): string {
  return TEXT[key][language];
}
