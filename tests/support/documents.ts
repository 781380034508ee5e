import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

/**
 * Real documents for the resume tests, generated here rather than checked in: a realistic Australian resume as
 * PDF (pdfkit), DOCX (docx, in a child process) and text, plus the broken and foreign files the endpoint must
 * refuse.
 */
export type ResumeBlock = { kind: 'name' | 'heading' | 'line' | 'bullet'; text: string };

const WORK: ResumeBlock[] = [
  { kind: 'heading', text: 'Work Experience' },
  { kind: 'line', text: 'Senior Software Engineer | Atlassian | Sydney NSW' },
  { kind: 'line', text: 'March 2020 – Present' },
  { kind: 'bullet', text: 'Led the migration of the billing platform to TypeScript and Node.js services on AWS.' },
  { kind: 'bullet', text: 'Mentored four engineers and introduced contract testing across six teams.' },
  { kind: 'line', text: 'Software Engineer, Canva    Feb 2017 – Feb 2020' },
  { kind: 'bullet', text: 'Built the real-time collaboration API used by millions of designers.' },
  { kind: 'line', text: 'Graduate Developer at Commonwealth Bank' },
  { kind: 'line', text: 'Jan 2015 – Jan 2017' },
  { kind: 'bullet', text: 'Maintained Java services for the home loans team.' },
];

const EDUCATION: ResumeBlock[] = [
  { kind: 'heading', text: 'Education' },
  { kind: 'line', text: 'Bachelor of Computer Science (Honours), University of New South Wales, 2011 – 2014' },
];

export const RESUME: ResumeBlock[] = [
  { kind: 'name', text: 'Olivia Nguyen' },
  { kind: 'line', text: 'Senior Software Engineer' },
  { kind: 'line', text: 'olivia.nguyen@example.com | 0412 345 678 | Sydney NSW 2000' },
  { kind: 'line', text: 'linkedin.com/in/olivia-nguyen-dev | https://olivia.dev' },
  { kind: 'heading', text: 'Professional Summary' },
  { kind: 'line', text: 'Software engineer with nine years of experience building web platforms for Australian fintech and SaaS companies.' },
  ...WORK,
  ...EDUCATION,
  { kind: 'heading', text: 'Skills' },
  { kind: 'line', text: 'Languages: TypeScript, JavaScript, Java, SQL' },
  { kind: 'line', text: 'Cloud: AWS, Docker, Kubernetes' },
  { kind: 'line', text: 'Communication, Leadership, Problem solving' },
  { kind: 'heading', text: 'References' },
  { kind: 'line', text: 'Available on request.' },
];

/** What the parse of RESUME must find (the offline rules and a faithful model alike). */
export const EXPECTED = {
  personal: {
    first_name: 'Olivia',
    last_name: 'Nguyen',
    email: 'olivia.nguyen@example.com',
    phone: '0412 345 678',
    linkedin_url: 'https://linkedin.com/in/olivia-nguyen-dev',
    portfolio_url: 'https://olivia.dev',
    location: { suburb: 'Sydney', state: 'NSW', postcode: '2000', country: 'Australia' },
  },
  employment: [
    { job_title: 'Senior Software Engineer', company_name: 'Atlassian', start_date: '2020-03-01', end_date: null, is_current: true },
    { job_title: 'Software Engineer', company_name: 'Canva', start_date: '2017-02-01', end_date: '2020-02-01', is_current: false },
    { job_title: 'Graduate Developer', company_name: 'Commonwealth Bank', start_date: '2015-01-01', end_date: '2017-01-01', is_current: false },
  ],
  education: [
    {
      institution: 'University of New South Wales',
      degree: 'Bachelor of Computer Science (Honours)',
      field_of_study: 'Computer Science',
      start_date: '2011-01-01',
      end_date: '2014-01-01',
      is_current: false,
    },
  ],
  skills: ['TypeScript', 'JavaScript', 'Java', 'SQL', 'AWS', 'Docker', 'Kubernetes', 'Communication', 'Leadership', 'Problem solving'],
};

export function resumeText(blocks: ResumeBlock[] = RESUME): string {
  return blocks.map((b) => (b.kind === 'bullet' ? `- ${b.text}` : b.text)).join('\n');
}

/** A longer resume for two full pages: more roles' bullet points, education on the second page. */
export function twoPageResume(): ResumeBlock[] {
  const filler = Array.from({ length: 24 }, (_, i) => ({
    kind: 'bullet' as const,
    text: `Delivered initiative ${i + 1}: improved reliability, cut infrastructure costs and documented the design for the wider team.`,
  }));
  const at = RESUME.findIndex((b) => b.text === 'Education');
  return [...RESUME.slice(0, at - 1), ...filler, ...RESUME.slice(at - 1)];
}

function render(doc: PDFKit.PDFDocument, blocks: ResumeBlock[]): void {
  for (const block of blocks) {
    if (block.kind === 'name') doc.font('Helvetica-Bold').fontSize(20).text(block.text);
    else if (block.kind === 'heading') doc.moveDown(0.5).font('Helvetica-Bold').fontSize(13).text(block.text);
    else if (block.kind === 'bullet') doc.font('Helvetica').fontSize(10.5).text(`• ${block.text}`, { indent: 12 });
    else doc.font('Helvetica').fontSize(10.5).text(block.text);
  }
}

export async function resumePdf(options: { blocks?: ResumeBlock[]; userPassword?: string } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, userPassword: options.userPassword, info: { Title: 'Resume' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  render(doc, options.blocks ?? RESUME);
  doc.end();
  return done;
}

/** docx needs an ES module jest cannot load, so the document is made by a child node process. */
export function resumeDocx(blocks: ResumeBlock[] = RESUME): Buffer {
  // Under jest this file runs from tests/support; compiled (bench) from dist/tests/support.
  const compiled = basename(join(__dirname, '..', '..')) === 'dist';
  const script = compiled ? join(__dirname, 'documents-docx.js') : join(__dirname, '..', '..', 'dist', 'tests', 'support', 'documents-docx.js');
  const result = spawnSync(process.execPath, [script], { input: JSON.stringify(blocks), maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`documents-docx failed: ${result.stderr.toString()}`);
  return Buffer.from(result.stdout.toString(), 'base64');
}

/** A real PDF whose body after the first bytes is replaced by junk. */
export async function corruptPdf(): Promise<Buffer> {
  const pdf = await resumePdf();
  return Buffer.concat([pdf.subarray(0, 200), Buffer.from('this is not a PDF object stream '.repeat(40))]);
}

/** A ZIP archive holding the given files. */
export function zipArchive(files: Record<string, string>): Buffer {
  return zipOf(Object.entries(files).map(([name, content]) => ({ name, content: Buffer.from(content) })));
}

/**
 * A ZIP archive with deflated entries whose central directory may lie about their expanded size: the shape of a
 * decompression bomb (a small upload whose document.xml expands enormously).
 */
export function deflatedZipArchive(files: Array<{ name: string; content: Buffer; declaredSize?: number }>): Buffer {
  return zipOf(files.map((file) => ({ ...file, deflated: deflateRawSync(file.content, { level: 9 }) })));
}

function zipOf(files: Array<{ name: string; content: Buffer; deflated?: Buffer; declaredSize?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const data = file.deflated ?? file.content;
    const size = file.declaredSize ?? file.content.length;
    const method = file.deflated ? 8 : 0;
    const nameBytes = Buffer.from(file.name);
    const crc = crc32(file.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A one-page PDF whose Flate content stream expands to `expandedBytes` of drawing operators. */
export function pdfWithGiantStream(expandedBytes: number): Buffer {
  const stream = deflateSync(Buffer.alloc(expandedBytes, '0 0 m 1 1 l S\n'), { level: 9 });
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  const offsets: number[] = [];
  const length = () => parts.reduce((n, p) => n + p.length, 0);
  objects.forEach((body, i) => {
    offsets.push(length());
    parts.push(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`));
  });
  offsets.push(length());
  parts.push(Buffer.from(`4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n'));
  const xref = length();
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${entries}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return Buffer.concat(parts);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 1×1 white PNG (a photographed resume, as far as type detection is concerned). */
export function pngImage(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.writeUInt8(8, 8);
  header.writeUInt8(2, 9);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
