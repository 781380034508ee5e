import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { UnprocessableError } from '../errors';
import type { ReadAnswer } from './document-reader-thread';
import type { DocumentType } from './document-type';

/**
 * Documents are read off the request's event loop, in worker threads with their own memory limits and a time
 * limit: a hostile file (a decompression bomb, a PDF with an enormous content stream) exhausts its worker, not the
 * host, and fails alone with 422 while the host keeps answering. Two workers are kept warm (pdf.js loads once per
 * worker); a worker that runs out of memory or time is ended and replaced on the next read.
 */
export const READER_LIMITS = {
  /** V8 heap of a reader thread: a resume needs tens of MB. */
  maxOldGenerationSizeMb: 192,
  maxYoungGenerationSizeMb: 32,
  /** Longer than any real resume takes (tens of ms), short enough that a bomb is ended quickly. */
  timeoutMs: 10_000,
  workers: 2,
} as const;

const TOO_HEAVY = 'The document needs more memory or time to read than any resume would; it was not read. Export it again or upload a smaller file.';
const FAILED = 'The document could not be read. Export it again and upload the new file.';

interface Job {
  id: number;
  bytes: Uint8Array<ArrayBuffer>;
  type: DocumentType;
  resolve(text: string): void;
  reject(error: Error): void;
}

class Reader {
  readonly worker = new Worker(join(__dirname, 'document-reader-thread.js'), {
    resourceLimits: { maxOldGenerationSizeMb: READER_LIMITS.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: READER_LIMITS.maxYoungGenerationSizeMb },
  });
  job: Job | null = null;
  timer: NodeJS.Timeout | null = null;
  dead = false;
}

class DocumentReaders {
  readonly #readers: Reader[] = [];
  readonly #queue: Job[] = [];
  #nextId = 1;

  read(bytes: Uint8Array, type: DocumentType): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      // A copy travels to the worker; the caller keeps its bytes (hash, upload).
      const copy = new Uint8Array(bytes.byteLength);
      copy.set(bytes);
      this.#queue.push({ id: this.#nextId++, bytes: copy, type, resolve, reject });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    for (;;) {
      const job = this.#queue[0];
      if (!job) return;
      const reader = this.#readers.find((r) => !r.job && !r.dead) ?? (this.#readers.length < READER_LIMITS.workers ? this.#spawn() : null);
      if (!reader) return;
      this.#queue.shift();
      reader.job = job;
      reader.worker.ref();
      reader.timer = setTimeout(() => this.#fail(reader, new UnprocessableError(TOO_HEAVY)), READER_LIMITS.timeoutMs);
      reader.worker.postMessage({ id: job.id, bytes: job.bytes, type: job.type }, [job.bytes.buffer]);
    }
  }

  #spawn(): Reader {
    const reader = new Reader();
    reader.worker.on('message', (answer: ReadAnswer) => {
      const job = reader.job;
      if (!job || job.id !== answer.id) return;
      this.#finish(reader);
      if ('text' in answer) job.resolve(answer.text);
      else job.reject(new UnprocessableError('refused' in answer ? answer.refused : FAILED));
      this.#dispatch();
    });
    // Out of memory (ERR_WORKER_OUT_OF_MEMORY) or any crash: that document alone fails.
    reader.worker.on('error', () => this.#fail(reader, new UnprocessableError(TOO_HEAVY)));
    reader.worker.on('exit', () => this.#fail(reader, new UnprocessableError(TOO_HEAVY)));
    // A reader keeps the process alive only while it reads (unref after the listeners, which ref it again).
    reader.worker.unref();
    this.#readers.push(reader);
    return reader;
  }

  #finish(reader: Reader): void {
    if (reader.timer) clearTimeout(reader.timer);
    reader.timer = null;
    reader.job = null;
    reader.worker.unref();
  }

  #fail(reader: Reader, error: Error): void {
    const job = reader.job;
    this.#finish(reader);
    if (!reader.dead) {
      reader.dead = true;
      this.#readers.splice(this.#readers.indexOf(reader), 1);
      void reader.worker.terminate();
    }
    job?.reject(error);
    this.#dispatch();
  }
}

let readers: DocumentReaders | null = null;

/** The document's text, read by a worker of the shared pool (see above). */
export function readInWorker(bytes: Uint8Array, type: DocumentType): Promise<string> {
  readers ??= new DocumentReaders();
  return readers.read(bytes, type);
}
