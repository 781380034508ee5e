import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { ResumeBlock } from './documents';

/**
 * Writes a resume as a Word document (base64 on stdout) from the blocks given as JSON on stdin. Runs as its own
 * node process because docx depends on an ES module jest's module system cannot load.
 */
function paragraph(block: ResumeBlock): Paragraph {
  switch (block.kind) {
    case 'name':
      return new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: block.text, bold: true })] });
    case 'heading':
      return new Paragraph({ heading: HeadingLevel.HEADING_1, text: block.text });
    case 'bullet':
      return new Paragraph({ bullet: { level: 0 }, text: block.text });
    case 'line':
      return new Paragraph({ text: block.text });
  }
}

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const blocks = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ResumeBlock[];
  const document = new Document({ creator: 'Talenti tests', sections: [{ children: blocks.map(paragraph) }] });
  process.stdout.write((await Packer.toBuffer(document)).toString('base64'));
}

void main();
