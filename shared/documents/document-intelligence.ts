import type {
  AnalyzeDocumentFromStreamMediaTypesParam,
  AnalyzeOperationOutput,
  DocumentIntelligenceClient,
  DocumentIntelligenceErrorOutput,
} from '@azure-rest/ai-document-intelligence';
import { appCredential } from '../identity/app-credential';
import { documentIntelligenceSdk } from '../runtime/sdk-modules';
import type { Settings } from '../config/settings';
import { DomainError, ServiceUnavailableError, UnprocessableError, UpstreamError, UpstreamTimeoutError } from '../errors';
import type { DocumentType } from './document-type';

export type DocumentSettings = Settings['documents'];
type AnalyzeContentType = AnalyzeDocumentFromStreamMediaTypesParam['contentType'];

/** Layout analysis of a few resume pages takes seconds; this bounds the submit, every poll and the waits between. */
const DEADLINE_MS = 120_000;
const POLL_INTERVAL_MS = 1000;
/** Error codes with which the service says the document itself cannot be read (damaged, encrypted, unsupported). */
const CONTENT_ERROR = /^(InvalidContent\w*|UnsupportedContent|InvalidPassword|PasswordProtected)$/;
const UNREADABLE = 'Document Intelligence could not read the document: it is damaged, password-protected or not a supported format.';

function innermostCode(error: DocumentIntelligenceErrorOutput | undefined): string | undefined {
  let code = error?.code;
  let inner = error?.innererror;
  while (inner) {
    code = inner.code ?? code;
    inner = inner.innererror;
  }
  return code;
}

function retryAfterSeconds(header: string | undefined): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 5;
}

function failedSubmission(status: string, code: string | undefined, retryAfter: string | undefined): Error {
  if (code && CONTENT_ERROR.test(code)) return new UnprocessableError(UNREADABLE);
  if (status === '429') return new ServiceUnavailableError('Document Intelligence is busy; try again shortly.', retryAfterSeconds(retryAfter));
  if (status.startsWith('5')) return new UpstreamError('Document Intelligence failed to analyse the document.');
  return new UpstreamError('Document Intelligence refused the request.');
}

/** core-lro reports a failed operation only as text: "The long-running operation has failed. <code>. <message>". */
function failedOperation(error: Error): Error {
  const failed = /^The long-running operation has failed(?:\. (\w+)\.)?/.exec(error.message);
  if (!failed) return new ServiceUnavailableError('Document Intelligence is unreachable; try again shortly.', 5);
  const code = failed[1];
  if (code && CONTENT_ERROR.test(code)) return new UnprocessableError(UNREADABLE);
  return new UpstreamError('Document Intelligence failed to analyse the document.');
}

function createClient(settings: DocumentSettings & { endpoint: string }): DocumentIntelligenceClient {
  // Keys only where a deployment cannot use its managed identity; Azure deployments use the identity.
  const credential = settings.apiKey
    ? { key: settings.apiKey }
    : appCredential(settings.managedIdentityClientId);
  // Plain http only to this machine (a local stand-in); anything else must be https.
  const loopback = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i.test(settings.endpoint);
  return documentIntelligenceSdk().default(settings.endpoint, credential, { allowInsecureConnection: loopback });
}

/**
 * Document Intelligence `prebuilt-layout` with markdown output: submits the bytes, then polls the operation
 * the service names in Operation-Location until it has succeeded or failed.
 */
export class DocumentIntelligenceReader {
  readonly #client: DocumentIntelligenceClient;

  constructor(settings: DocumentSettings & { endpoint: string }) {
    this.#client = createClient(settings);
  }

  async toMarkdown(bytes: Uint8Array, type: DocumentType): Promise<string> {
    const { isUnexpected, getLongRunningPoller } = documentIntelligenceSdk();
    const abortSignal = AbortSignal.timeout(DEADLINE_MS);
    try {
      const submitted = await this.#client.path('/documentModels/{modelId}:analyze', 'prebuilt-layout').post({
        contentType: type.media_type as AnalyzeContentType,
        body: bytes,
        queryParameters: { outputContentFormat: 'markdown' },
        abortSignal,
      });
      if (isUnexpected(submitted)) {
        throw failedSubmission(submitted.status, innermostCode(submitted.body?.error), submitted.headers['retry-after']);
      }
      const poller = getLongRunningPoller(this.#client, submitted, { intervalInMs: POLL_INTERVAL_MS });
      const done = await poller.pollUntilDone({ abortSignal }).catch((error: unknown) => {
        if (abortSignal.aborted || !(error instanceof Error)) throw error;
        throw failedOperation(error);
      });
      const content = (done.body as AnalyzeOperationOutput).analyzeResult?.content;
      if (typeof content !== 'string') throw new UpstreamError('Document Intelligence returned no content.');
      return content;
    } catch (error) {
      if (abortSignal.aborted) throw new UpstreamTimeoutError('Document Intelligence did not finish in time.');
      if (error instanceof DomainError) throw error;
      throw new ServiceUnavailableError('Document Intelligence is unreachable; try again shortly.', 5);
    }
  }
}

const readers = new WeakMap<DocumentSettings, DocumentIntelligenceReader>();

/** The reader for these settings, made once per process; null when no endpoint is configured (offline reading). */
export function documentIntelligenceFor(settings: DocumentSettings): DocumentIntelligenceReader | null {
  const { endpoint } = settings;
  if (!endpoint) return null;
  let reader = readers.get(settings);
  if (!reader) {
    reader = new DocumentIntelligenceReader({ ...settings, endpoint });
    readers.set(settings, reader);
  }
  return reader;
}
