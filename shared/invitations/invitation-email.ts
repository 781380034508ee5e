/** The invitation email: Australian English, an HTML part and a plain-text part saying the same. */
export interface InvitationEmailContent {
  candidate_first_name: string | null;
  role_title: string;
  company_name: string;
  link: string;
  expires_at: Date;
  /** The staff member who sent it, for questions. */
  contact: { name: string | null; email: string | null };
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const SYDNEY_TIME = new Intl.DateTimeFormat('en-AU', {
  timeZone: 'Australia/Sydney',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZoneName: 'short',
});

/** "Wednesday 2 December 2026, 5:00 pm AEDT": Sydney time, with AEST or AEDT as daylight saving has it. */
export function formatAustralianTime(at: Date): string {
  const part = Object.fromEntries(SYDNEY_TIME.formatToParts(at).map((p) => [p.type, p.value]));
  return `${part.weekday} ${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute} ${part.dayPeriod} ${part.timeZoneName}`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** The outbox's subject column holds 300 characters; long role and company names are shortened to fit. */
const MAX_SUBJECT_LENGTH = 300;

/** Subjects are a single header line: no line breaks, however the role was named. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

const expectationsAt = (company: string): string[] => [
  'A voice interview of about 10 to 15 minutes with an AI interviewer, about the role and your experience.',
  "You'll need a computer with a camera and a microphone, and a quiet place where you won't be interrupted.",
  "Before you start, you'll be asked to consent to AI processing of your interview and, separately, to it being recorded.",
  `Your answers are scored and then reviewed by people at ${company} before any decision is made.`,
];

function contactLine(content: InvitationEmailContent): string {
  const { name, email } = content.contact;
  if (email) return `Questions? Contact ${name ? `${name} (${email})` : email} at ${content.company_name}.`;
  return `Questions? Contact the recruitment team at ${content.company_name}.`;
}

export function renderInvitationEmail(content: InvitationEmailContent): RenderedEmail {
  const role = oneLine(content.role_title);
  const company = oneLine(content.company_name);
  const greeting = content.candidate_first_name ? `Hi ${oneLine(content.candidate_first_name)},` : 'Hello,';
  const intro = `${company} has invited you to an interview for the ${role} role.`;
  const expiry = `This link is just for you and expires on ${formatAustralianTime(content.expires_at)}.`;
  const expectations = expectationsAt(company);
  const contact = contactLine({ ...content, company_name: company });
  const signOff = `Good luck!\nThe Talenti team, on behalf of ${company}`;

  const text = [
    greeting,
    intro,
    `Start your interview: ${content.link}`,
    expiry,
    ['What to expect', ...expectations.map((line) => `- ${line}`)].join('\n'),
    contact,
    signOff,
  ].join('\n\n');

  const h = escapeHtml;
  const html = `<!doctype html>
<html lang="en-AU">
<head><meta charset="utf-8"><title>${h(`Interview invitation: ${role} at ${company}`)}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; color: #1f2937; line-height: 1.5; max-width: 600px; margin: 0 auto; padding: 24px;">
<p>${h(greeting)}</p>
<p>${h(intro)}</p>
<p><a href="${h(content.link)}" style="display: inline-block; background: #2563eb; color: #ffffff; padding: 12px 20px; border-radius: 6px; text-decoration: none;">Start your interview</a></p>
<p style="font-size: 14px;">Or paste this link into your browser: <a href="${h(content.link)}">${h(content.link)}</a></p>
<p>${h(expiry)}</p>
<h2 style="font-size: 18px;">What to expect</h2>
<ul>
${expectations.map((line) => `<li>${h(line)}</li>`).join('\n')}
</ul>
<p>${h(contact)}</p>
<p>Good luck!<br>${h(`The Talenti team, on behalf of ${company}`)}</p>
</body>
</html>
`;
  const subject = `Interview invitation: ${role} at ${company}`;
  return { subject: subject.length > MAX_SUBJECT_LENGTH ? `${subject.slice(0, MAX_SUBJECT_LENGTH - 1)}…` : subject, html, text };
}
