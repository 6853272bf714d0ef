/**
 * Plain names for the kinds of records the access rules and the audit log
 * speak of: policy objects ("case_file") and record types ("CaseFile"), in
 * Ukrainian and English, so nobody reads a programmer's name.
 */

type Lang = 'uk' | 'en';
type Label = { uk: string; en: string };

const langOf = (lng: string): Lang => (lng === 'en' ? 'en' : 'uk');

/** Every object of the access policy (authz/objects.go), named. */
export const policyObjectLabels: Record<string, Label> = {
  community: { uk: 'Громада', en: 'Community' },
  organization: { uk: 'Організація', en: 'Organisation' },
  user: { uk: 'Користувач', en: 'User' },
  membership: { uk: 'Роль користувача', en: 'User role' },
  api_client: { uk: 'API-клієнт', en: 'API client' },
  policy_rule: { uk: 'Правило доступу', en: 'Access rule' },
  audit_event: { uk: 'Журнал доступу', en: 'Access log' },
  family: { uk: "Сім'я", en: 'Family' },
  person: { uk: 'Особа', en: 'Person' },
  relationship: { uk: "Родинний зв'язок", en: 'Family relationship' },
  report: { uk: 'Повідомлення про дитину', en: 'Report about a child' },
  case_file: { uk: 'Випадок', en: 'Case' },
  case_event: { uk: 'Подія випадку (хронологія)', en: 'Case event (timeline)' },
  safety_assessment: { uk: 'Оцінювання безпеки', en: 'Safety assessment' },
  needs_assessment: { uk: 'Оцінювання потреб', en: 'Needs assessment' },
  decision: { uk: 'Рішення', en: 'Decision' },
  placement: { uk: 'Влаштування дитини', en: 'Placement of a child' },
  placement_override: { uk: 'Невідкладне влаштування до закладу', en: 'Emergency placement in an institution' },
  case_assignment: { uk: 'Призначення випадку фахівцеві', en: 'Assigning a case to a specialist' },
  saved_filter: { uk: 'Збережений фільтр робочого списку', en: 'Saved work-list filter' },
  plan: { uk: 'Індивідуальний план', en: 'Individual plan' },
  plan_review: { uk: 'Перегляд плану', en: 'Plan review' },
  violence_case: { uk: 'Випадок насильства', en: 'Violence case' },
  referral: { uk: 'Направлення', en: 'Referral' },
  referral_override: { uk: 'Направлення без згоди сім\u2019ї', en: 'Referral without the family\u2019s consent' },
  consent: { uk: 'Згода на обмін даними', en: 'Consent to share data' },
  team_member: { uk: 'Учасник команди випадку', en: 'Case team member' },
  service_provision: { uk: 'Надання послуги', en: 'Service provision' },
  activity: { uk: 'Візит або захід', en: 'Visit or activity' },
  case_access: { uk: 'Доступ до випадку', en: 'Access to a case' },
  document: { uk: 'Документ', en: 'Document' },
  commission_session: { uk: 'Засідання комісії', en: 'Commission meeting' },
  approval: { uk: 'Затвердження', en: 'Approval' },
  self_approval: { uk: 'Затвердження власного запису', en: 'Approving one\u2019s own record' },
  notification: { uk: 'Сповіщення', en: 'Notification' },
  calendar_year: { uk: 'Календар святкових днів', en: 'Holiday calendar' },
  indicator: { uk: 'Показники', en: 'Indicators' },
  deidentified_case: { uk: 'Знеособлений випадок', en: 'De-identified case' },
  provider_service: { uk: 'Послуга надавача', en: 'Provider service' },
  emergency_access: { uk: 'Екстрений доступ', en: 'Emergency access' },
  voucher_programme: { uk: 'Програма сертифікатів', en: 'Voucher programme' },
  voucher: { uk: 'Сертифікат', en: 'Voucher' },
  case_transfer: { uk: 'Передача випадку іншій громаді', en: 'Transfer of a case to another community' },
  staff_position: { uk: 'Посада в штаті', en: 'Staff position' },
  training_programme: { uk: 'Програма навчання', en: 'Training programme' },
  training_event: { uk: 'Навчальний захід', en: 'Training event' },
  training_enrolment: { uk: 'Участь у навчанні', en: 'Training enrolment' },
  certificate: { uk: 'Сертифікат про навчання', en: 'Training certificate' },
  working_group: { uk: 'Робоча група', en: 'Working group' },
  working_group_member: { uk: 'Член робочої групи', en: 'Working group member' },
  working_group_meeting: { uk: 'Засідання робочої групи', en: 'Working group meeting' },
  working_group_action: { uk: 'Доручення робочої групи', en: 'Working group action item' },
  working_group_document: { uk: 'Документ робочої групи', en: 'Working group document' },
  working_group_activity: { uk: 'Діяльність робочих груп (кількості)', en: 'Working groups\u2019 activity (counts)' },
  supervision_session: { uk: 'Сесія супервізії', en: 'Supervision session' },
  supervision_journal: { uk: 'Журнал супервізій (усі сесії громади)', en: 'Supervision journal (all sessions of the community)' },
  document_number: { uk: 'Реєстраційний номер документа', en: 'Document registration number' },
  document_counter: { uk: 'Лічильник номерів документів', en: 'Document number counter' },
};

/** The four actions of a rule. */
export const policyActionLabels: Record<string, Label> = {
  read: { uk: 'Перегляд', en: 'View' },
  create: { uk: 'Створення', en: 'Create' },
  update: { uk: 'Зміна', en: 'Change' },
  delete: { uk: 'Видалення', en: 'Delete' },
};

/** Record types of the log that are not policy objects: sign-in records, reference data, exports. */
const extraTypeLabels: Record<string, Label> = {
  credential: { uk: 'Облікові дані входу', en: 'Sign-in credentials' },
  session: { uk: 'Сеанс входу', en: 'Sign-in session' },
  login_attempt: { uk: 'Спроба входу', en: 'Sign-in attempt' },
  password_reset: { uk: 'Посилання для зміни пароля', en: 'Password reset link' },
  o_auth_token: { uk: 'Токен доступу API-клієнта', en: 'API client access token' },
  document_chunk: { uk: 'Частина файлу документа', en: 'Document file part' },
  region: { uk: 'Область', en: 'Region' },
  district: { uk: 'Район', en: 'District' },
  service_type: { uk: 'Вид послуги', en: 'Service type' },
  service_map: { uk: 'Карта послуг (вивантаження)', en: 'Service map (export)' },
  minimal_package: { uk: 'Мінімальний пакет послуг (вивантаження)', en: 'Minimal package (export)' },
  unmet_needs: { uk: 'Непокриті потреби (вивантаження)', en: 'Unmet needs (export)' },
  indicator_report: { uk: 'Звіт показників (вивантаження)', en: 'Indicator report (export)' },
  indicator_trend: { uk: 'Динаміка показника (вивантаження)', en: 'Indicator trend (export)' },
  invitation: { uk: 'Запрошення до громади', en: 'Invitation to the community' },
  custom_role: { uk: 'Власна роль громади', en: "The community's own role" },
};

/** "CaseFile" → "case_file", "APIClient" → "api_client" (as authz.Object does). */
export function snakeType(type: string): string {
  let out = '';
  for (let i = 0; i < type.length; i++) {
    const c = type[i];
    const upper = c >= 'A' && c <= 'Z';
    const prevLower = i > 0 && type[i - 1] >= 'a' && type[i - 1] <= 'z';
    const nextLower = i + 1 < type.length && type[i + 1] >= 'a' && type[i + 1] <= 'z';
    if (upper && i > 0 && (prevLower || nextLower)) out += '_';
    out += c.toLowerCase();
  }
  return out;
}

/** A policy object ("case_file") by name; an unknown one as it is. */
export function policyObjectLabel(lng: string, object: string): string {
  return policyObjectLabels[object]?.[langOf(lng)] ?? object;
}

export function policyActionLabel(lng: string, action: string): string {
  return policyActionLabels[action]?.[langOf(lng)] ?? action;
}

/** The kind of a record in the log ("CaseFile" → "Випадок"); an unknown one as it is. */
export function recordTypeLabel(lng: string, type: string): string {
  const key = snakeType(type);
  const l = policyObjectLabels[key] ?? extraTypeLabels[key];
  return l ? l[langOf(lng)] : type;
}

/** The record types one may filter the log by, in the order people think of them. */
export const loggedRecordTypes = ['CaseFile', 'Family', 'Person', 'Report', 'SafetyAssessment', 'NeedsAssessment', 'Decision', 'Placement', 'Plan', 'Referral',
  'Document', 'Consent', 'User', 'Membership', 'Invitation', 'Organization', 'APIClient', 'PolicyRule', 'CustomRole', 'EmergencyAccess', 'Voucher', 'VoucherProgramme', 'CaseTransfer'];

/** The page of a record, where it has one. */
export function recordPath(type: string, id: string | null | undefined): string | null {
  if (!id) return null;
  switch (type) {
    case 'CaseFile': return `/cases/${id}`;
    case 'Family': return `/families/${id}`;
    case 'Person': return `/persons/${id}`;
    case 'VoucherProgramme': return `/vouchers/${id}`;
    default: return null;
  }
}

/** Names of changed fields people recognise; others are shown as the log keeps them. */
const fieldLabels: Record<string, Label> = {
  status: { uk: 'статус', en: 'status' },
  name: { uk: 'назва', en: 'name' },
  full_name: { uk: 'повне найменування', en: 'full name' },
  parent_body: { uk: 'орган, до якого належить', en: 'parent body' },
  head_position: { uk: 'посада керівника', en: "head's position" },
  head_name: { uk: "ім'я керівника", en: "head's name" },
  first_name: { uk: "ім'я", en: 'first name' },
  last_name: { uk: 'прізвище', en: 'last name' },
  patronymic: { uk: 'по батькові', en: 'patronymic' },
  birth_date: { uk: 'дата народження', en: 'date of birth' },
  sex: { uk: 'стать', en: 'sex' },
  address: { uk: 'адреса', en: 'address' },
  phone: { uk: 'телефон', en: 'phone' },
  email: { uk: 'ел. пошта', en: 'email' },
  display_name: { uk: "ім'я користувача", en: 'display name' },
  notes: { uk: 'примітки', en: 'notes' },
  description: { uk: 'опис', en: 'description' },
  reason: { uk: 'причина', en: 'reason' },
  result: { uk: 'результат', en: 'result' },
  family: { uk: "сім'я", en: 'family' },
  family_id: { uk: "сім'я", en: 'family' },
  children: { uk: 'діти', en: 'children' },
  manager: { uk: 'відповідальний фахівець', en: 'case manager' },
  manager_id: { uk: 'відповідальний фахівець', en: 'case manager' },
  categories: { uk: 'категорії', en: 'categories' },
  role: { uk: 'роль', en: 'role' },
  effect: { uk: 'дозвіл', en: 'effect' },
  organization: { uk: 'організація', en: 'organisation' },
  organization_id: { uk: 'організація', en: 'organisation' },
  created_at: { uk: 'створено', en: 'created' },
  updated_at: { uk: 'змінено', en: 'changed' },
  closed_at: { uk: 'закрито', en: 'closed' },
  due_at: { uk: 'строк', en: 'deadline' },
  password_hash: { uk: 'пароль', en: 'password' },
  case: { uk: 'випадок', en: 'case' },
  case_id: { uk: 'випадок', en: 'case' },
  community: { uk: 'громада', en: 'community' },
  community_id: { uk: 'громада', en: 'community' },
  user: { uk: 'користувач', en: 'user' },
  user_id: { uk: 'користувач', en: 'user' },
  person: { uk: 'особа', en: 'person' },
  person_id: { uk: 'особа', en: 'person' },
  kind: { uk: 'вид', en: 'kind' },
  detail: { uk: 'подробиці', en: 'details' },
  summary: { uk: 'зміст', en: 'summary' },
  urgency: { uk: 'терміновість', en: 'urgency' },
  source: { uk: 'джерело', en: 'source' },
  conclusion: { uk: 'висновок', en: 'conclusion' },
  goals: { uk: 'цілі', en: 'goals' },
  emailed_at: { uk: 'надіслано листом', en: 'emailed' },
  read_at: { uk: 'прочитано', en: 'read' },
  ended_at: { uk: 'завершено', en: 'ended' },
  require_totp: { uk: 'двоетапний вхід', en: 'two-step sign-in' },
};

export function fieldLabel(lng: string, field: string): string {
  return fieldLabels[field]?.[langOf(lng)] ?? field;
}

/** Fields every change touches, which tell nothing. */
const routineFields = new Set(['created_at', 'updated_at', 'dedupe_key']);

/** The changed fields of an entry as people read them: named, without the routine ones, each once. */
export function fieldList(lng: string, fields: readonly string[] | null | undefined): string {
  return [...new Set((fields ?? []).filter((f) => !routineFields.has(f)).map((f) => fieldLabel(lng, f)))].join(', ');
}
