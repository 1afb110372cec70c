/**
 * The demo district's fixed data: places, opening hours, the service catalogue each
 * centre picks from, and the inspection checklist. Dates are not here — demo-district.ts
 * places everything relative to the moment it runs.
 */
import type { ConcessionKind, FacilityKey, ServiceCategory } from '#db/schema/index.ts'

export const TIME_ZONE = 'Asia/Shanghai'

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7
const EVERY_DAY: Weekday[] = [1, 2, 3, 4, 5, 6, 7]
const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5]
const WEEKEND: Weekday[] = [6, 7]

/** Wall-clock times are "HH:MM" in the centre's time zone. */
export interface OpeningPeriod {
  weekdays: Weekday[]
  opens: string
  closes: string
}

/** A dated exception, `inDays` after the seed's "today". Without hours it is a closure. */
export interface OpeningException {
  inDays: number
  hours?: { opens: string; closes: string }
  reasonZh: string
  reasonEn: string
}

export const district = { slug: 'demo', nameZh: '滨河区', nameEn: 'Binhe District', timeZone: TIME_ZONE } as const

export const streetCatalogue = [
  {
    slug: 'wangjiang',
    nameZh: '望江街道',
    nameEn: 'Wangjiang Subdistrict',
    officeAddressZh: '滨河区望江路200号',
    officeAddressEn: '200 Wangjiang Road, Binhe District',
    officePhone: '0571-86020110',
  },
  {
    slug: 'liuan',
    nameZh: '柳岸街道',
    nameEn: "Liu'an Subdistrict",
    officeAddressZh: '滨河区柳岸街120号',
    officeAddressEn: "120 Liu'an Street, Binhe District",
    officePhone: '0571-86100120',
  },
  {
    slug: 'yunxi',
    nameZh: '云溪街道',
    nameEn: 'Yunxi Subdistrict',
    officeAddressZh: '滨河区云溪路66号',
    officeAddressEn: '66 Yunxi Road, Binhe District',
    officePhone: '0571-86250066',
  },
] as const
export type StreetSlug = (typeof streetCatalogue)[number]['slug']

// ---------------------------------------------------------------------------------------
// Service catalogue. Each centre offers a selection; a class or appointment service has a
// few alternative timetables so that neighbouring centres don't all run at the same hour.
// ---------------------------------------------------------------------------------------

/** One weekly meeting of a class: a slot on each of `weekdays`. */
export interface ClassMeeting {
  weekdays: Weekday[]
  start: string
  minutes: number
  capacity: number
}

/** Desk hours of an appointment service, cut into slots of `slotMinutes`. */
export interface DeskHours {
  weekdays: Weekday[]
  from: string
  until: string
}

interface ServiceText {
  nameZh: string
  nameEn: string
  summaryZh: string
  summaryEn: string
  descriptionZh: string
  descriptionEn: string
  whatToBringZh: string
  whatToBringEn: string
  locationZh: string
  locationEn: string
}

interface ServiceRules {
  minAge?: number
  maxAge?: number
  residentsOnly?: boolean
  priceFen?: number
  concessions?: Partial<Record<ConcessionKind, number>>
  bookingOpensDaysBefore: number
  bookingClosesHoursBefore: number
  cancelCutoffHours: number
  maxActivePerPerson: number
  maxPerDayPerPerson?: number
}

export type ServiceTemplate = ServiceText &
  ServiceRules & { category: ServiceCategory } & (
    | { bookingMode: 'class'; timetables: ClassMeeting[][] }
    | { bookingMode: 'appointment'; counters: number; slotMinutes: number; deskHours: DeskHours[][] }
    | { bookingMode: 'drop_in' }
  )

export const serviceTemplates = {
  // --- government: counters at the government services hall --------------------------
  'social-insurance': {
    category: 'government',
    bookingMode: 'appointment',
    counters: 3,
    slotMinutes: 15,
    deskHours: [
      [{ weekdays: [1, 3, 5], from: '09:00', until: '11:30' }],
      [
        { weekdays: [2, 4], from: '09:00', until: '11:30' },
        { weekdays: [4], from: '14:00', until: '16:00' },
      ],
    ],
    nameZh: '社保业务办理',
    nameEn: 'Social-insurance desk',
    summaryZh: '参保登记、缴费查询、退休资格认证，预约到窗口办理。',
    summaryEn: 'Enrolment, contribution records and pension certification at the counter.',
    descriptionZh:
      '办理城乡居民养老保险和医保的参保登记、缴费记录查询、社保卡挂失补办和退休资格认证。预约后请提前5分钟到场，过号需要重新预约。',
    descriptionEn:
      'Enrol in residents’ pension and medical insurance, check contribution records, replace a lost social-security card or certify pension eligibility. Please arrive five minutes early; a missed turn needs a new appointment.',
    whatToBringZh: '身份证、社保卡；代办请带委托书和双方身份证',
    whatToBringEn:
      'ID card and social-security card; when acting for someone, a signed authorisation and both ID cards',
    locationZh: '1楼政务服务大厅 1–3号窗口',
    locationEn: '1F government services hall, counters 1–3',
    bookingOpensDaysBefore: 14,
    bookingClosesHoursBefore: 2,
    cancelCutoffHours: 2,
    maxActivePerPerson: 1,
    maxPerDayPerPerson: 1,
  },
  'residence-permit': {
    category: 'government',
    bookingMode: 'appointment',
    counters: 2,
    slotMinutes: 20,
    deskHours: [
      [{ weekdays: [2, 4], from: '14:00', until: '16:00' }],
      [
        { weekdays: [3], from: '09:00', until: '11:40' },
        { weekdays: [5], from: '14:00', until: '16:00' },
      ],
    ],
    nameZh: '居住证办理',
    nameEn: 'Residence permits',
    summaryZh: '新办、续签居住证，现场采集照片。',
    summaryEn: 'Apply for or renew a residence permit; photos taken on site.',
    descriptionZh:
      '在本区居住满半年的非本市户籍居民可以申领居住证，已有居住证的可以办理签注续期。窗口现场拍照和采集指纹，材料齐全的约15个工作日后可领证。',
    descriptionEn:
      'Residents registered elsewhere who have lived in the district for six months can apply for a residence permit, and holders can renew theirs. Photos and fingerprints are taken at the counter; with complete papers the permit is ready in about 15 working days.',
    whatToBringZh: '身份证、租房合同或房产证明、近期一寸免冠照片（现场也可拍）',
    whatToBringEn: 'ID card, tenancy agreement or property deed, and a recent passport photo (or have one taken here)',
    locationZh: '1楼政务服务大厅 4号窗口',
    locationEn: '1F government services hall, counter 4',
    bookingOpensDaysBefore: 7,
    bookingClosesHoursBefore: 24,
    cancelCutoffHours: 12,
    maxActivePerPerson: 1,
  },
  'document-help': {
    category: 'government',
    bookingMode: 'appointment',
    counters: 2,
    slotMinutes: 20,
    deskHours: [
      [
        { weekdays: [3], from: '09:00', until: '11:40' },
        { weekdays: [5], from: '14:00', until: '16:00' },
      ],
      [{ weekdays: [1, 4], from: '14:00', until: '16:00' }],
    ],
    nameZh: '证件代办咨询',
    nameEn: 'Document help',
    summaryZh: '不会填表、材料不全？工作人员帮您理清楚、代为递交。',
    summaryEn: 'Help with forms and paperwork, and applications handed in for you.',
    descriptionZh:
      '帮您弄清楚办事需要哪些材料，协助填写表格、网上申报，符合条件的事项可由工作人员代办代跑。行动不便的老人可以由家属持委托书前来。',
    descriptionEn:
      'We work out which papers you need, help fill in forms and online applications, and for eligible matters take the application to the office for you. Relatives of people with limited mobility may come with a signed authorisation.',
    whatToBringZh: '身份证、与所办事项有关的材料（不确定的都带上）',
    whatToBringEn: 'ID card and any papers about the matter (bring them all if unsure)',
    locationZh: '1楼政务服务大厅 帮办代办窗口',
    locationEn: '1F government services hall, assistance counter',
    bookingOpensDaysBefore: 10,
    bookingClosesHoursBefore: 4,
    cancelCutoffHours: 4,
    maxActivePerPerson: 2,
  },

  // --- training -------------------------------------------------------------------------
  'smartphone-seniors': {
    category: 'training',
    bookingMode: 'class',
    timetables: [
      [{ weekdays: [2, 4], start: '09:30', minutes: 90, capacity: 16 }],
      [
        { weekdays: [3], start: '14:30', minutes: 90, capacity: 12 },
        { weekdays: [6], start: '09:30', minutes: 90, capacity: 12 },
      ],
    ],
    nameZh: '智能手机课堂',
    nameEn: 'Smartphone class for seniors',
    summaryZh: '视频通话、扫码付款、网上挂号，一次学会一件事。',
    summaryEn: 'Video calls, paying by QR code, booking a doctor online — one thing at a time.',
    descriptionZh:
      '手把手教您用微信视频通话、扫码付款、在网上挂号和识别电信诈骗。每节课只讲一件事，大学生志愿者一对二辅导，没学会可以下次再来。',
    descriptionEn:
      'Hands-on help with WeChat video calls, paying by QR code, booking hospital appointments online and spotting phone scams. Each class covers one thing, with one student volunteer for every two learners — come back as often as you like.',
    whatToBringZh: '自己的手机（请充好电）、老花镜',
    whatToBringEn: 'Your own phone, charged, and your reading glasses',
    locationZh: '3楼电脑教室',
    locationEn: '3F computer room',
    minAge: 60,
    bookingOpensDaysBefore: 14,
    bookingClosesHoursBefore: 2,
    cancelCutoffHours: 4,
    maxActivePerPerson: 2,
  },
  'livestream-ecommerce': {
    category: 'training',
    bookingMode: 'class',
    timetables: [
      [
        { weekdays: [3], start: '18:30', minutes: 120, capacity: 20 },
        { weekdays: [6], start: '09:30', minutes: 150, capacity: 20 },
      ],
    ],
    nameZh: '电商直播技能培训',
    nameEn: 'Livestream e-commerce skills',
    summaryZh: '政府补贴的就业技能课：选品、直播话术、短视频剪辑。',
    summaryEn: 'Subsidised job-skills course: products, presenting live, editing short videos.',
    descriptionZh:
      '由区人社局补贴的职业技能培训，面向本街道有就业意愿的居民。课程包括选品、直播话术、灯光布置和短视频剪辑，结业可参加电商直播职业技能等级评价。',
    descriptionEn:
      'Vocational training subsidised by the district human-resources bureau for residents of this subdistrict looking for work. It covers choosing products, presenting live, lighting and editing short videos, and prepares you for the livestream sales skills assessment.',
    whatToBringZh: '身份证、手机；有笔记本电脑的请带上',
    whatToBringEn: 'ID card and phone; a laptop if you have one',
    locationZh: '3楼直播实训室',
    locationEn: '3F livestream studio',
    minAge: 18,
    maxAge: 60,
    residentsOnly: true,
    bookingOpensDaysBefore: 14,
    bookingClosesHoursBefore: 24,
    cancelCutoffHours: 24,
    maxActivePerPerson: 1,
  },
  'computer-basics': {
    category: 'training',
    bookingMode: 'class',
    timetables: [
      [{ weekdays: [1, 3], start: '19:00', minutes: 90, capacity: 12 }],
      [{ weekdays: [2, 5], start: '14:00', minutes: 90, capacity: 12 }],
    ],
    nameZh: '计算机基础',
    nameEn: 'Computer basics',
    summaryZh: '打字、文件管理、Word和Excel入门，小班教学。',
    summaryEn: 'Typing, files and folders, first steps in Word and Excel — small groups.',
    descriptionZh:
      '从开机、打字、管理文件讲起，逐步学习用Word写文档、用Excel做简单表格和收发电子邮件。每班不超过12人，每人一台电脑。',
    descriptionEn:
      'From switching on, typing and managing files to writing a document in Word, making a simple Excel sheet and sending email. No more than 12 people a class, one computer each.',
    whatToBringZh: 'U盘（可选）、笔记本和笔',
    whatToBringEn: 'A USB stick (optional), notebook and pen',
    locationZh: '3楼电脑教室',
    locationEn: '3F computer room',
    priceFen: 2000,
    concessions: { age_60: 1000, low_income: 0 },
    bookingOpensDaysBefore: 14,
    bookingClosesHoursBefore: 12,
    cancelCutoffHours: 12,
    maxActivePerPerson: 2,
  },

  // --- fitness ----------------------------------------------------------------------------
  yoga: {
    category: 'fitness',
    bookingMode: 'class',
    timetables: [
      [
        { weekdays: [2, 4], start: '19:00', minutes: 60, capacity: 15 },
        { weekdays: [6], start: '10:00', minutes: 60, capacity: 15 },
      ],
      [{ weekdays: [1, 3, 5], start: '18:30', minutes: 60, capacity: 18 }],
      [
        { weekdays: [3], start: '19:00', minutes: 60, capacity: 12 },
        { weekdays: [7], start: '10:00', minutes: 60, capacity: 12 },
      ],
    ],
    nameZh: '瑜伽',
    nameEn: 'Yoga',
    summaryZh: '零基础友好的哈他瑜伽，舒展肩颈、改善睡眠。',
    summaryEn: 'Beginner-friendly hatha yoga for stiff shoulders and better sleep.',
    descriptionZh:
      '持证教练带领的哈他瑜伽课，动作以拉伸和呼吸为主，零基础也能跟上。有高血压、腰椎问题的学员请提前告诉教练，会给您替换动作。',
    descriptionEn:
      'Hatha yoga led by a certified teacher, mostly stretching and breathing, easy to follow for beginners. If you have high blood pressure or back problems, tell the teacher before class for alternative poses.',
    whatToBringZh: '瑜伽垫（现场可借）、毛巾、饮用水；请穿宽松衣服',
    whatToBringEn: 'A yoga mat (loans available), towel and water; wear loose clothes',
    locationZh: '2楼形体室',
    locationEn: '2F movement studio',
    priceFen: 2000,
    concessions: { age_60: 1500, low_income: 1000 },
    bookingOpensDaysBefore: 7,
    bookingClosesHoursBefore: 2,
    cancelCutoffHours: 12,
    maxActivePerPerson: 2,
    maxPerDayPerPerson: 1,
  },
  'tai-chi': {
    category: 'fitness',
    bookingMode: 'class',
    timetables: [
      [{ weekdays: [1, 3, 5], start: '08:45', minutes: 60, capacity: 25 }],
      [{ weekdays: [2, 4, 6], start: '09:00', minutes: 60, capacity: 20 }],
    ],
    nameZh: '太极拳',
    nameEn: 'Tai chi',
    summaryZh: '二十四式简化太极拳，社区太极队免费教学。',
    summaryEn: 'The 24-form simplified tai chi, taught free by the community tai chi team.',
    descriptionZh:
      '由社区太极拳队的老队员义务教学，从二十四式简化太极拳学起，动作舒缓，适合各年龄段。新学员请站在前排，方便跟学。',
    descriptionEn:
      'Taught for free by long-standing members of the community tai chi team, starting with the 24-form simplified routine. The movements are gentle and suit every age; newcomers stand at the front to follow more easily.',
    whatToBringZh: '平底运动鞋、饮用水',
    whatToBringEn: 'Flat sports shoes and water',
    locationZh: '1楼室外广场（雨天改在多功能厅）',
    locationEn: 'Ground-floor plaza (multi-purpose hall when it rains)',
    bookingOpensDaysBefore: 7,
    bookingClosesHoursBefore: 1,
    cancelCutoffHours: 2,
    maxActivePerPerson: 3,
  },
  'table-tennis': {
    category: 'fitness',
    bookingMode: 'class',
    timetables: [
      [
        { weekdays: [3], start: '18:30', minutes: 90, capacity: 8 },
        { weekdays: WEEKEND, start: '14:00', minutes: 90, capacity: 8 },
      ],
    ],
    nameZh: '乒乓球',
    nameEn: 'Table tennis',
    summaryZh: '4张球台，90分钟一场，按场预约。',
    summaryEn: 'Four tables, 90-minute sessions, booked per session.',
    descriptionZh:
      '乒乓球室有4张比赛级球台，每场最多8人，可以自带球友也可以现场组队。每月第一个周六下午有社区乒乓球协会的免费指导。',
    descriptionEn:
      'The table-tennis room has four tournament tables and takes up to eight players a session; bring a partner or pair up on the spot. The community table-tennis club coaches for free on the first Saturday afternoon of each month.',
    whatToBringZh: '球拍（现场可借）、运动鞋',
    whatToBringEn: 'A bat (loans available) and sports shoes',
    locationZh: 'B1乒乓球室',
    locationEn: 'B1 table-tennis room',
    priceFen: 500,
    concessions: { age_60: 300 },
    bookingOpensDaysBefore: 7,
    bookingClosesHoursBefore: 1,
    cancelCutoffHours: 2,
    maxActivePerPerson: 2,
    maxPerDayPerPerson: 1,
  },
  'gym-session': {
    category: 'fitness',
    bookingMode: 'class',
    timetables: [
      [
        { weekdays: [1, 3, 5], start: '18:00', minutes: 90, capacity: 12 },
        { weekdays: [6], start: '09:00', minutes: 90, capacity: 12 },
      ],
      [
        { weekdays: [2, 4], start: '18:00', minutes: 90, capacity: 10 },
        { weekdays: [7], start: '10:00', minutes: 90, capacity: 10 },
      ],
    ],
    nameZh: '健身房时段',
    nameEn: 'Gym session',
    summaryZh: '器械健身房分时段限流开放，有教练值班。',
    summaryEn: 'The equipment gym in capped time slots, with an instructor on duty.',
    descriptionZh:
      '健身房配有跑步机、动感单车和力量器械，为避免拥挤按时段限流。值班教练可以帮您调整器械、制定简单的训练计划；首次使用请先签署安全须知。',
    descriptionEn:
      'The gym has treadmills, spin bikes and weight machines; numbers are capped per time slot to avoid crowding. The instructor on duty can adjust machines and suggest a simple plan; first-timers sign the safety notice.',
    whatToBringZh: '运动鞋、毛巾、饮用水',
    whatToBringEn: 'Sports shoes, towel and water',
    locationZh: '2楼健身房',
    locationEn: '2F gym',
    minAge: 16,
    priceFen: 1000,
    concessions: { age_60: 500, low_income: 500 },
    bookingOpensDaysBefore: 7,
    bookingClosesHoursBefore: 1,
    cancelCutoffHours: 2,
    maxActivePerPerson: 3,
    maxPerDayPerPerson: 1,
  },

  // --- culture ----------------------------------------------------------------------------
  calligraphy: {
    category: 'culture',
    bookingMode: 'class',
    timetables: [
      [{ weekdays: [5], start: '14:00', minutes: 120, capacity: 16 }],
      [{ weekdays: [2], start: '14:30', minutes: 120, capacity: 14 }],
    ],
    nameZh: '书法',
    nameEn: 'Calligraphy',
    summaryZh: '社区书法社带您从楷书起步，笔墨纸现场提供。',
    summaryEn: 'Start with regular script with the community calligraphy club; brushes and paper provided.',
    descriptionZh:
      '由居民自发成立的书法社组织，省书协会员义务指导。从握笔和基本笔画练起，学习楷书，优秀作品会在邻里中心展出。',
    descriptionEn:
      'Run by the residents’ own calligraphy club, with a member of the provincial calligraphers’ association teaching for free. Begin with holding the brush and basic strokes in regular script; the best pieces are shown in the centre.',
    whatToBringZh: '笔墨纸砚现场提供，有自己的毛笔可以带上',
    whatToBringEn: 'Ink, paper and brushes are provided; bring your own brush if you have one',
    locationZh: '2楼书画室',
    locationEn: '2F painting and calligraphy room',
    bookingOpensDaysBefore: 14,
    bookingClosesHoursBefore: 12,
    cancelCutoffHours: 24,
    maxActivePerPerson: 1,
  },
  choir: {
    category: 'culture',
    bookingMode: 'class',
    timetables: [
      [{ weekdays: [3], start: '15:00', minutes: 120, capacity: 30 }],
      [{ weekdays: [4], start: '15:00', minutes: 120, capacity: 24 }],
    ],
    nameZh: '合唱团',
    nameEn: 'Community choir',
    summaryZh: '社区合唱团每周排练，欢迎新声部加入。',
    summaryEn: 'The community choir rehearses weekly; new voices welcome.',
    descriptionZh:
      '社区合唱团是居民自己的兴趣团队，排练经典老歌和新创作的社区歌曲，每年参加区里的合唱节。不用会识谱，指挥会按声部带唱。',
    descriptionEn:
      'The community choir is a residents’ hobby group singing classic songs and new songs about the neighbourhood, and it performs at the district choir festival every year. No need to read music — the conductor teaches each part by ear.',
    whatToBringZh: '饮用水；歌谱现场发放',
    whatToBringEn: 'Water; scores are handed out',
    locationZh: '2楼多功能厅',
    locationEn: '2F multi-purpose hall',
    bookingOpensDaysBefore: 14,
    bookingClosesHoursBefore: 2,
    cancelCutoffHours: 6,
    maxActivePerPerson: 2,
  },
  'film-night': {
    category: 'culture',
    bookingMode: 'class',
    timetables: [[{ weekdays: [5], start: '18:30', minutes: 120, capacity: 30 }]],
    nameZh: '电影之夜',
    nameEn: 'Film night',
    summaryZh: '每周五晚放映经典老电影，免费入场，凭预约就座。',
    summaryEn: 'A classic film every Friday evening; free, seats by booking.',
    descriptionZh:
      '每周五晚上在多功能厅放映一部经典影片，片单由居民投票选出，带中文字幕。入场免费，凭预约就座，开场10分钟后空出的座位让给现场排队的居民。',
    descriptionEn:
      'Every Friday evening the multi-purpose hall shows a classic film chosen by residents’ vote, with Chinese subtitles. Entry is free with a booked seat; seats still empty ten minutes after the start go to people queuing at the door.',
    whatToBringZh: '无需携带物品；请勿带有气味的食物入场',
    whatToBringEn: 'Nothing needed; please no strong-smelling food in the hall',
    locationZh: '2楼多功能厅',
    locationEn: '2F multi-purpose hall',
    bookingOpensDaysBefore: 7,
    bookingClosesHoursBefore: 1,
    cancelCutoffHours: 2,
    maxActivePerPerson: 1,
  },
  'reading-room': {
    category: 'culture',
    bookingMode: 'drop_in',
    nameZh: '阅览室',
    nameEn: 'Reading room',
    summaryZh: '报刊、图书和大字本，开放时间内随到随读。',
    summaryEn: 'Newspapers, books and large-print editions; just walk in during opening hours.',
    descriptionZh:
      '阅览室有近5000册图书和30多种报刊，设有大字本专架和老花镜，可以用市民卡借还市图书馆的书。无需预约，开放时间内随时来。',
    descriptionEn:
      'Nearly 5,000 books and over 30 newspapers and magazines, with a large-print shelf and reading glasses to borrow; borrow and return city-library books with your citizen card. No booking — come any time the centre is open.',
    whatToBringZh: '借书请带市民卡',
    whatToBringEn: 'Your citizen card to borrow books',
    locationZh: '3楼阅览室',
    locationEn: '3F reading room',
    bookingOpensDaysBefore: 14,
    bookingClosesHoursBefore: 1,
    cancelCutoffHours: 2,
    maxActivePerPerson: 2,
  },

  // --- elder care ------------------------------------------------------------------------
  'canteen-lunch': {
    category: 'elder_care',
    bookingMode: 'class',
    timetables: [
      [{ weekdays: EVERY_DAY, start: '11:30', minutes: 60, capacity: 30 }],
      // For a centre closed on Mondays.
      [{ weekdays: [2, 3, 4, 5, 6, 7], start: '11:30', minutes: 60, capacity: 24 }],
    ],
    nameZh: '长者食堂午餐',
    nameEn: 'Community canteen lunch',
    summaryZh: '两荤两素一汤，少盐少油，60岁以上预约就餐。',
    summaryEn: 'Two meat and two vegetable dishes with soup, low salt — for people aged 60+.',
    descriptionZh:
      '长者食堂每天中午供应两荤两素一汤，少盐少油、软烂易嚼，有糖尿病餐可选。请提前预约以便备餐，80岁以上老人享受优惠价，行动不便的可以由家属代订。',
    descriptionEn:
      'The community canteen serves two meat and two vegetable dishes with soup every lunchtime, low in salt and oil and soft to chew, with a diabetic option. Please book so the kitchen can plan; people aged 80+ pay less, and relatives can book for someone who finds it hard to come in person.',
    whatToBringZh: '无需携带物品；80岁以上请带身份证享受优惠',
    whatToBringEn: 'Nothing needed; diners aged 80+ please bring ID for the lower price',
    locationZh: '1楼长者食堂',
    locationEn: '1F community canteen',
    minAge: 60,
    priceFen: 1500,
    concessions: { age_60: 1200, age_80: 800 },
    bookingOpensDaysBefore: 7,
    bookingClosesHoursBefore: 3,
    cancelCutoffHours: 3,
    maxActivePerPerson: 4,
    maxPerDayPerPerson: 1,
  },
  'health-check': {
    category: 'elder_care',
    bookingMode: 'appointment',
    counters: 2,
    slotMinutes: 20,
    deskHours: [[{ weekdays: [2], from: '09:00', until: '11:00' }], [{ weekdays: [4], from: '09:00', until: '11:00' }]],
    nameZh: '健康检查',
    nameEn: 'Health check',
    summaryZh: '血压、血糖、心电图，家庭医生当场解读。',
    summaryEn: 'Blood pressure, blood sugar and ECG, explained on the spot by a family doctor.',
    descriptionZh:
      '社区卫生服务中心的家庭医生每周来邻里中心坐诊，为60岁以上居民免费测量血压、血糖，做心电图，并更新健康档案。查血糖请空腹前来。',
    descriptionEn:
      'Family doctors from the community health service centre come weekly to check blood pressure and blood sugar, take an ECG and update the health record of residents aged 60 and over, free of charge. Come fasting for the blood-sugar test.',
    whatToBringZh: '医保卡、近期体检报告和正在服用的药品清单',
    whatToBringEn: 'Medical-insurance card, recent check-up reports and a list of the medicines you take',
    locationZh: '1楼健康小屋',
    locationEn: '1F health corner',
    minAge: 60,
    bookingOpensDaysBefore: 14,
    bookingClosesHoursBefore: 2,
    cancelCutoffHours: 2,
    maxActivePerPerson: 1,
  },
  'day-care': {
    category: 'elder_care',
    bookingMode: 'drop_in',
    nameZh: '日间照料',
    nameEn: 'Day care',
    summaryZh: '白天有人陪伴：午休床位、棋牌、康复器械。',
    summaryEn: 'Company during the day: rest beds, cards and chess, rehabilitation equipment.',
    descriptionZh:
      '日间照料室为60岁以上老人提供白天的休息、娱乐和康复训练，护理员全天在岗。首次前来请家属陪同登记，之后开放时间内随到随用。',
    descriptionEn:
      'The day-care room offers people aged 60 and over somewhere to rest, socialise and do rehabilitation exercises during the day, with a carer on duty. Register with a relative on the first visit; after that, drop in any time the centre is open.',
    whatToBringZh: '首次登记请带身份证和紧急联系人电话',
    whatToBringEn: 'ID card and an emergency contact number for the first registration',
    locationZh: '1楼日间照料室',
    locationEn: '1F day-care room',
    minAge: 60,
    bookingOpensDaysBefore: 14,
    bookingClosesHoursBefore: 1,
    cancelCutoffHours: 2,
    maxActivePerPerson: 2,
  },
  'home-visit': {
    category: 'elder_care',
    bookingMode: 'appointment',
    counters: 2,
    slotMinutes: 60,
    deskHours: [[{ weekdays: [4], from: '14:00', until: '17:00' }], [{ weekdays: [2], from: '14:00', until: '17:00' }]],
    nameZh: '上门探访预约',
    nameEn: 'Home-visit request',
    summaryZh: '社工上门看望独居、高龄老人，了解需要、链接服务。',
    summaryEn: 'A social worker visits an older person living alone at home.',
    descriptionZh:
      '为本街道独居、高龄或行动不便的老人预约社工上门探访：聊聊近况、检查居家安全，需要时帮忙申请助餐、助浴和适老化改造。家属可以替老人预约。',
    descriptionEn:
      'Ask a social worker to visit an older resident of this subdistrict who lives alone, is very old or can’t get out easily: a chat, a home-safety check and, where needed, help applying for meal delivery, bathing help or home adaptations. Relatives can book for them.',
    whatToBringZh: '请在家中等候，备好老人的身份证和常用药',
    whatToBringEn: 'Please be at home, with the person’s ID card and usual medicines to hand',
    locationZh: '上门服务（社工到您家中）',
    locationEn: 'At your home (a social worker visits)',
    minAge: 60,
    residentsOnly: true,
    bookingOpensDaysBefore: 14,
    bookingClosesHoursBefore: 24,
    cancelCutoffHours: 24,
    maxActivePerPerson: 1,
  },
} satisfies Record<string, ServiceTemplate>

export type TemplateSlug = keyof typeof serviceTemplates

/** A service a centre offers: the template, and which of its timetables (default 0). */
export type Offer = readonly [TemplateSlug, number?]

export interface CentreSeed {
  slug: string
  street: StreetSlug
  nameZh: string
  nameEn: string
  addressZh: string
  addressEn: string
  descriptionZh: string
  descriptionEn: string
  latitude: number
  longitude: number
  phone: string
  facilities: FacilityKey[]
  catchmentPopulation: number
  hours: OpeningPeriod[]
  exceptions: OpeningException[]
  offers: Offer[]
}

// Six centres around the Qiantang riverside in Hangzhou (area code 0571). The first
// street's two centres are the ones the demo operator runs.
export const centreCatalogue: CentreSeed[] = [
  {
    slug: 'wangjiang',
    street: 'wangjiang',
    nameZh: '望江邻里中心',
    nameEn: 'Wangjiang Neighbourhood Centre',
    addressZh: '滨河区望江路188号',
    addressEn: '188 Wangjiang Road, Binhe District',
    descriptionZh:
      '望江街道的旗舰邻里中心，四层楼里有政务服务大厅、长者食堂、健康小屋和多功能厅。周边12个小区的居民步行15分钟可达。',
    descriptionEn:
      'The flagship centre of Wangjiang Subdistrict: four floors with a government services hall, community canteen, health corner and multi-purpose hall, within a 15-minute walk of 12 residential compounds.',
    latitude: 30.2312,
    longitude: 120.1935,
    phone: '0571-86021188',
    facilities: [
      'accessible_entrance',
      'lift',
      'accessible_toilet',
      'canteen',
      'reading_room',
      'hall',
      'bike_parking',
      'wifi',
      'aed',
    ],
    catchmentPopulation: 48_000,
    hours: [{ weekdays: EVERY_DAY, opens: '08:30', closes: '20:30' }],
    exceptions: [
      {
        inDays: 12,
        reasonZh: '消防设施年度检测，全天闭馆',
        reasonEn: 'Closed all day for the annual fire-safety inspection',
      },
    ],
    offers: [
      ['social-insurance', 0],
      ['residence-permit', 0],
      ['smartphone-seniors', 0],
      ['livestream-ecommerce', 0],
      ['yoga', 0],
      ['tai-chi', 0],
      ['table-tennis', 0],
      ['calligraphy', 0],
      ['film-night', 0],
      ['reading-room'],
      ['canteen-lunch', 0],
      ['health-check', 0],
    ],
  },
  {
    slug: 'jiangpan',
    street: 'wangjiang',
    nameZh: '江畔邻里中心',
    nameEn: 'Jiangpan Neighbourhood Centre',
    addressZh: '滨河区江畔路56号',
    addressEn: '56 Jiangpan Road, Binhe District',
    descriptionZh: '由原街道文化站改建，紧邻江畔公园，健身房和日间照料室最受居民欢迎。工作日12:30至13:30午休暂停服务。',
    descriptionEn:
      'Converted from the former subdistrict cultural station next to Jiangpan Park; the gym and the day-care room are what residents come for most. Closed for lunch 12:30–13:30 on weekdays.',
    latitude: 30.2255,
    longitude: 120.2018,
    phone: '0571-86035620',
    facilities: [
      'accessible_entrance',
      'lift',
      'accessible_toilet',
      'canteen',
      'gym',
      'hall',
      'nursing_room',
      'parking',
      'wifi',
      'aed',
    ],
    catchmentPopulation: 32_000,
    // A lunch break on weekdays; the canteen's 11:30 sitting ends before it.
    hours: [
      { weekdays: WEEKDAYS, opens: '08:30', closes: '12:30' },
      { weekdays: WEEKDAYS, opens: '13:30', closes: '20:30' },
      { weekdays: WEEKEND, opens: '09:00', closes: '17:00' },
    ],
    // Close enough to matter this week; the urgent announcement is about it.
    exceptions: [
      {
        inDays: 2,
        reasonZh: '配电设备紧急检修，临时闭馆一天',
        reasonEn: 'Closed for the day for urgent electrical repairs',
      },
    ],
    offers: [
      ['social-insurance', 1],
      ['document-help', 0],
      ['computer-basics', 1],
      ['yoga', 2],
      ['gym-session', 0],
      ['choir', 0],
      ['reading-room'],
      ['canteen-lunch', 0],
      ['day-care'],
      ['home-visit', 0],
    ],
  },
  {
    slug: 'liuan',
    street: 'liuan',
    nameZh: '柳岸邻里中心',
    nameEn: "Liu'an Neighbourhood Centre",
    addressZh: '滨河区柳岸街99号',
    addressEn: "99 Liu'an Street, Binhe District",
    descriptionZh: '坐落在柳岸老街，周边多是上世纪八九十年代建成的老小区，老年居民比例高。每周一闭馆。',
    descriptionEn:
      "On Liu'an Old Street, among compounds built in the 1980s and 1990s where many older people live. Closed on Mondays.",
    latitude: 30.2418,
    longitude: 120.1852,
    phone: '0571-86107799',
    facilities: ['accessible_entrance', 'lift', 'accessible_toilet', 'canteen', 'reading_room', 'hall', 'wifi', 'aed'],
    catchmentPopulation: 26_500,
    hours: [{ weekdays: [2, 3, 4, 5, 6, 7], opens: '08:30', closes: '20:30' }],
    exceptions: [{ inDays: 15, reasonZh: '全体员工业务培训，闭馆一天', reasonEn: 'Closed for a staff training day' }],
    offers: [
      ['social-insurance', 1],
      ['residence-permit', 0],
      ['smartphone-seniors', 1],
      ['yoga', 0],
      ['tai-chi', 1],
      ['calligraphy', 1],
      ['film-night', 0],
      ['canteen-lunch', 1],
      ['health-check', 1],
      ['day-care'],
    ],
  },
  {
    slug: 'fenglin',
    street: 'liuan',
    nameZh: '枫林邻里中心',
    nameEn: 'Fenglin Neighbourhood Centre',
    addressZh: '滨河区枫林路300号',
    addressEn: '300 Fenglin Road, Binhe District',
    descriptionZh: '服务新建的商住片区，上班族居民多，晚间和周末的健身、培训课程最受欢迎。地下停车场对来访居民免费。',
    descriptionEn:
      'Serves a newer residential and office area with many working residents; evening and weekend fitness and training are the most popular. Free underground parking for visitors.',
    latitude: 30.248,
    longitude: 120.1968,
    phone: '0571-86112300',
    facilities: [
      'accessible_entrance',
      'lift',
      'accessible_toilet',
      'parking',
      'canteen',
      'gym',
      'reading_room',
      'nursing_room',
      'wifi',
      'aed',
    ],
    catchmentPopulation: 41_000,
    hours: [
      { weekdays: [1, 2, 3, 4, 5, 6], opens: '08:00', closes: '20:00' },
      { weekdays: [7], opens: '09:00', closes: '17:00' },
    ],
    exceptions: [
      { inDays: 9, reasonZh: '中央空调年度维保，闭馆一天', reasonEn: 'Closed for the annual air-conditioning service' },
    ],
    offers: [
      ['social-insurance', 0],
      ['document-help', 1],
      ['computer-basics', 1],
      ['table-tennis', 0],
      ['gym-session', 1],
      ['choir', 1],
      ['reading-room'],
      ['canteen-lunch', 0],
      ['health-check', 0],
      ['home-visit', 1],
    ],
  },
  {
    slug: 'yunxi',
    street: 'yunxi',
    nameZh: '云溪邻里中心',
    nameEn: 'Yunxi Neighbourhood Centre',
    addressZh: '滨河区云溪路18号',
    addressEn: '18 Yunxi Road, Binhe District',
    descriptionZh: '区内服务人口最多的邻里中心，与云溪社区卫生服务站同楼，政务窗口最多，晚上开放到21:00。',
    descriptionEn:
      "The district's busiest centre, sharing a building with the Yunxi community health station, with the most government counters; open until 21:00.",
    latitude: 30.2105,
    longitude: 120.176,
    phone: '0571-86253018',
    facilities: [
      'accessible_entrance',
      'lift',
      'accessible_toilet',
      'parking',
      'bike_parking',
      'canteen',
      'reading_room',
      'hall',
      'wifi',
      'aed',
    ],
    catchmentPopulation: 57_000,
    hours: [{ weekdays: EVERY_DAY, opens: '08:30', closes: '21:00' }],
    exceptions: [
      {
        inDays: 6,
        hours: { opens: '08:30', closes: '17:00' },
        reasonZh: '社区文艺汇演彩排，17:00提前闭馆',
        reasonEn: 'Closes early at 17:00 for a community show rehearsal',
      },
      { inDays: 20, reasonZh: '电梯年度检验，闭馆一天', reasonEn: 'Closed for the annual lift inspection' },
    ],
    offers: [
      ['social-insurance', 0],
      ['residence-permit', 1],
      ['document-help', 1],
      ['smartphone-seniors', 0],
      ['livestream-ecommerce', 0],
      ['yoga', 1],
      ['tai-chi', 0],
      ['film-night', 0],
      ['reading-room'],
      ['canteen-lunch', 0],
      ['day-care'],
    ],
  },
  {
    slug: 'xinghua',
    street: 'yunxi',
    nameZh: '杏花邻里中心',
    nameEn: 'Xinghua Neighbourhood Centre',
    addressZh: '滨河区杏花巷8号',
    addressEn: '8 Xinghua Lane, Binhe District',
    descriptionZh: '小而精的邻里中心，由杏花巷的老厂房改建，合唱团和书法社都由居民自己的兴趣团队组织。',
    descriptionEn:
      'A small centre in a converted workshop on Xinghua Lane; the choir and the calligraphy club are run by residents’ own hobby groups.',
    latitude: 30.2036,
    longitude: 120.1884,
    phone: '0571-86268808',
    facilities: ['accessible_entrance', 'accessible_toilet', 'canteen', 'reading_room', 'hall', 'bike_parking', 'wifi'],
    catchmentPopulation: 18_500,
    hours: [
      { weekdays: WEEKDAYS, opens: '08:30', closes: '20:30' },
      { weekdays: WEEKEND, opens: '09:00', closes: '18:00' },
    ],
    exceptions: [{ inDays: 18, reasonZh: '外墙维修施工，闭馆一天', reasonEn: 'Closed for the day for façade repairs' }],
    offers: [
      ['social-insurance', 1],
      ['document-help', 0],
      ['computer-basics', 0],
      ['yoga', 2],
      ['table-tennis', 0],
      ['calligraphy', 0],
      ['choir', 0],
      ['reading-room'],
      ['canteen-lunch', 0],
      ['health-check', 0],
      ['home-visit', 0],
    ],
  },
]

export const inspectionChecklist = [
  { key: 'cleanliness', labelZh: '环境整洁卫生', labelEn: 'Clean and tidy premises' },
  { key: 'opening_hours_kept', labelZh: '按公示时间开放', labelEn: 'Open at the posted hours' },
  { key: 'accessibility', labelZh: '无障碍设施完好可用', labelEn: 'Accessibility features in working order' },
  { key: 'staff_on_duty', labelZh: '工作人员按时在岗', labelEn: 'Staff on duty' },
  { key: 'safety', labelZh: '消防与安全管理到位', labelEn: 'Fire and general safety' },
  { key: 'service_information_posted', labelZh: '服务项目和收费公示', labelEn: 'Services and prices posted' },
] as const

// Synthetic residents' names, by generation: given names follow the fashion of the
// decade people were born in.
export const surnames = [
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '沈',
] as const
export const givenNamesByGeneration = {
  /** born before 1960 */
  elder: [
    '秀英',
    '桂兰',
    '建国',
    '国华',
    '玉珍',
    '德明',
    '淑芬',
    '志强',
    '凤英',
    '永福',
    '素珍',
    '金发',
    '美华',
    '荣生',
    '月娥',
    '根宝',
    '阿娣',
    '福林',
  ],
  /** born 1960–1984 */
  middle: ['海燕', '建军', '丽华', '卫东', '红梅', '晓东', '春燕', '志刚', '雪芳', '立新', '美玲', '国平'],
  /** born 1985 and later */
  young: ['子涵', '浩然', '雨桐', '俊杰', '欣怡', '宇轩', '思远', '佳怡', '梓萱', '一鸣', '嘉豪', '诗琪'],
} as const
