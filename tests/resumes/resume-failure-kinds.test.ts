import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenFor, uniqueEmail } from '../support/api';
import { newUser, postResume } from './resume-helpers';

/**
 * Each way real resumes broke the parser (issue 14), with a labelled fixture of its own from the corpus in
 * tests/fixtures/resumes, parsed over HTTP as a dry run on the offline path.
 */
interface Job { job_title: string; company_name: string; start_date: string; end_date: string | null; is_current: boolean; description: string | null }
interface Parse {
  data: {
    personal: { first_name: string | null; last_name: string | null; email: string | null; phone: string | null; location: { suburb: string | null; state: string | null; postcode: string | null } };
    employment: Job[];
    education: Array<{ institution: string; degree: string; start_date: string | null; end_date: string | null }>;
    skills: Array<{ skill_name: string }>;
    summary: string | null;
  };
  dry_run: boolean;
}

const FIXTURES = join(__dirname, '..', 'fixtures', 'resumes');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
let token: string;

beforeAll(async () => {
  token = await tokenFor(uniqueEmail('kinds'));
  await newUser(token);
});

async function dryRun(name: string): Promise<Parse['data']> {
  const response = await postResume<Parse>(token, { file: fixture(name), filename: name }, { query: '?dryRun=true' });
  expect(response.status).toBe(200);
  expect(response.body.dry_run).toBe(true);
  return response.body.data;
}

const roles = (jobs: Job[]) => jobs.map((j) => [j.job_title, j.company_name, j.start_date, j.end_date, j.is_current]);
const skillNames = (data: Parse['data']) => data.skills.map((s) => s.skill_name);

describe('resume failure kinds, one fixture each (offline path, dry run)', () => {
  it('letter-spaced headings ("E X P E R I E N C E") are headings, so jobs leave the header', async () => {
    const data = await dryRun('daniel-kim.pdf');
    expect(roles(data.employment)).toEqual([
      ['DevOps Engineer', 'Australian Taxation Office', '2021-01-01', null, true],
      ['Systems Administrator', 'Department of Home Affairs', '2017-07-01', '2020-12-01', false],
    ]);
    expect(data.education).toEqual([expect.objectContaining({ degree: 'Bachelor of Information Technology', institution: 'Australian National University' })]);
  });

  it('a title on the date line with the employer on the next line keeps every job and its own bullets', async () => {
    const data = await dryRun('zoe-ngo-smith.pdf');
    expect(roles(data.employment)).toEqual([
      ['Clinical Nurse Specialist', 'Westmead Hospital', '2020-02-01', null, true],
      ['Registered Nurse', 'Royal Prince Alfred Hospital', '2016-01-01', '2020-01-01', false],
    ]);
    expect(data.employment[1]?.description).toMatch(/^Cared for post-operative surgical patients/);
  });

  it('the employer on the date line with the title on the next (the reverse order) too', async () => {
    const data = await dryRun('kirra-walker.pdf');
    expect(roles(data.employment)).toEqual([
      ['Youth Case Worker', 'Mission Australia', '2020-01-01', null, true],
      ['Youth Worker', 'PCYC Dubbo', '2017-01-01', '2020-01-01', false],
    ]);
  });

  it('Word tables are read row by row: period | position and employer | achievements, and a two-column skills table', async () => {
    const data = await dryRun('priya-raman.docx');
    expect(roles(data.employment)).toEqual([
      ['Senior Accountant', 'KPMG', '2021-04-01', null, true],
      ['Accountant', 'Bendigo and Adelaide Bank', '2018-02-01', '2021-03-01', false],
    ]);
    expect(data.employment[1]?.description).toMatch(/MYOB to Xero/);
    expect(skillNames(data)).toEqual(['Xero', 'MYOB', 'Excel', 'Power Query', 'IFRS', 'Month-end Close']);
  });

  it('plain-word headings (Work History, Study, Licences & Tickets, References) are sections, and referees are never the candidate', async () => {
    const data = await dryRun('tom-baker.txt');
    expect(data.employment.map((j) => j.company_name)).toEqual(['Toll Group', 'Linfox', 'Bunnings Warehouse']);
    expect(data.education).toEqual([expect.objectContaining({ degree: 'Certificate IV in Warehousing Operations', institution: 'Chisholm Institute' })]);
    expect(data.personal).toMatchObject({ first_name: 'Tom', last_name: 'Baker', email: 'tombaker.logistics@example.com', phone: '0467 321 654' });
    expect(JSON.stringify(data)).not.toMatch(/Margaret|Ellis|Okafor|0400 111 222|9123 4567|example\.org|LF Forklift/);
  });

  it('names outside ASCII are kept as printed, decomposed accents arrive composed (NFC) and ligatures as letters', async () => {
    const vietnamese = await dryRun('nguyen-thi-hong.pdf');
    expect(vietnamese.personal).toMatchObject({ first_name: 'Hồng', last_name: 'Nguyễn' });
    const pasted = await dryRun('chloe-dubois.txt');
    expect(pasted.personal.first_name).toBe('Chloé');
    expect(pasted.personal.first_name).toBe('Chloé'.normalize('NFC'));
    expect(pasted.employment[1]?.job_title).toBe('Digital Marketing Specialist');
    expect(JSON.stringify(pasted)).not.toMatch(/[\ufb00-\ufb06]|\u0301/);
    const hyphenated = await dryRun('zoe-ngo-smith.pdf');
    expect(hyphenated.personal).toMatchObject({ first_name: 'Zoë', last_name: 'Ngô-Smith' });
  });

  it('locations separated by "—", "|", "·" or a run of spaces are found', async () => {
    const place = async (name: string) => (await dryRun(name)).personal.location;
    expect(await place('zoe-ngo-smith.pdf')).toEqual({ suburb: 'Parramatta', state: 'NSW', postcode: '2150', country: 'Australia' });
    expect(await place('emily-chen.pdf')).toEqual({ suburb: 'Surry Hills', state: 'NSW', postcode: '2010', country: 'Australia' });
    expect(await place('nguyen-thi-hong.pdf')).toEqual({ suburb: 'Footscray', state: 'VIC', postcode: '3011', country: 'Australia' });
    expect(await place('lucas-rossi.docx')).toEqual({ suburb: 'Wollongong', state: 'NSW', postcode: '2500', country: 'Australia' });
  });

  it('skills are kept as written and split on middots and pill layouts with no separators', async () => {
    expect(skillNames(await dryRun('zoe-ngo-smith.pdf'))).toEqual(['Triage', 'Wound Care', 'Medication Administration', 'Patient Advocacy', 'Cerner']);
    expect(skillNames(await dryRun('emily-chen.pdf'))).toEqual(['TypeScript', 'React', 'Node.js', 'PostgreSQL', 'Playwright', 'Accessibility (WCAG)']);
  });

  it('"References available on request" is never a skill', async () => {
    const data = await dryRun('liam-obrien.txt');
    expect(skillNames(data)).toEqual(['Switchboard Upgrades', 'Solar PV', 'Fault Finding', 'Testing & Tagging', 'AutoCAD']);
  });

  it('a sidebar is read as its own column, not interleaved with the main one', async () => {
    const data = await dryRun('mei-lin-zhou.pdf');
    expect(data.employment.map((j) => j.company_name)).toEqual(['Qantas Airways', 'Westpac Group', 'Macquarie Group']);
    expect(data.education).toEqual([expect.objectContaining({ degree: 'Bachelor of Economics', institution: 'University of Sydney' })]);
    expect(skillNames(data)).toEqual(['Financial Modelling', 'Excel', 'Anaplan', 'SQL', 'Forecasting']);
  });

  it('a page break inside an entry: the running header and footer are dropped, the entry continues, hyphenation is repaired', async () => {
    const data = await dryRun('rahul-mehta.pdf');
    expect(roles(data.employment)).toEqual([
      ['Senior Civil Engineer', 'Aurecon', '2019-10-01', null, true],
      ['Civil Engineer', 'Transport for NSW', '2015-02-01', '2019-09-01', false],
    ]);
    expect(data.employment[0]?.description).toMatch(/^Lead design of stormwater and pavement packages/);
    expect(data.employment[1]?.description).toBe('Delivered intersection upgrades worth $40M from concept to construction.');
    expect(JSON.stringify(data)).not.toMatch(/Curriculum Vitae|Page \d of/);
  });

  it('an instruction written into the summary is data: kept as the summary, changing nothing else', async () => {
    const data = await dryRun('michael-papadopoulos.txt');
    expect(data.summary).toMatch(/Ignore all previous instructions/);
    expect(data.employment.map((j) => j.job_title)).toEqual(['Territory Sales Representative', 'Sales Assistant']);
    expect(skillNames(data)).toEqual(['Account Management', 'Negotiation', 'Salesforce', 'Merchandising']);
  });
});
