/** Route templates as Azure Functions writes them: `a/{id}`, `a/{id?}`, `{*rest}`, `a/{id:guid}`. */
export interface RouteMatch {
  params: Record<string, string>;
}

type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; name: string; optional: boolean; constraint?: string }
  | { kind: 'catch-all'; name: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const parsed = new Map<string, Segment[]>();

/** A template's segments; templates are a fixed set, so each is parsed once per process (every request matches many). */
function parse(template: string): Segment[] {
  let segments = parsed.get(template);
  if (!segments) {
    segments = parseTemplate(template);
    parsed.set(template, segments);
  }
  return segments;
}

function parseTemplate(template: string): Segment[] {
  return template
    .split('/')
    .filter(Boolean)
    .map((part): Segment => {
      const param = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?(\?)?\}$/.exec(part);
      if (!param) return { kind: 'literal', text: part.toLowerCase() };
      const [, star, name = '', constraint, optional] = param;
      return star ? { kind: 'catch-all', name } : { kind: 'param', name, optional: Boolean(optional), constraint };
    });
}

function satisfies(value: string, constraint: string | undefined): boolean {
  if (constraint === 'guid') return GUID.test(value);
  if (constraint === 'int') return /^-?\d+$/.test(value);
  if (constraint === 'alpha') return /^[A-Za-z]+$/.test(value);
  return true;
}

function decodedSegments(path: string): string[] | null {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}

/** Matches one request path against many templates, decoding the path once. */
export function pathMatcher(path: string): (template: string) => RouteMatch | null {
  // Each segment is decoded once, after splitting: an encoded '/' stays inside its segment, and a malformed escape
  // matches no route (404) instead of throwing.
  const parts = decodedSegments(path);
  return (template) => (parts ? matchSegments(parse(template), parts) : null);
}

function matchSegments(segments: Segment[], parts: string[]): RouteMatch | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    const part = parts[i];
    if (segment.kind === 'catch-all') {
      params[segment.name] = parts.slice(i).join('/');
      return { params };
    }
    if (part === undefined) {
      if (segment.kind === 'param' && segment.optional) continue;
      return null;
    }
    if (segment.kind === 'literal') {
      if (segment.text !== part.toLowerCase()) return null;
    } else {
      if (!satisfies(part, segment.constraint)) return null;
      params[segment.name] = part;
    }
  }
  return parts.length <= segments.length ? { params } : null;
}

/** Orders templates most specific first (literal before parameter before catch-all), as the host does. */
export function compareRouteSpecificity(a: string, b: string): number {
  const rank = (s: Segment) => (s.kind === 'literal' ? 0 : s.kind === 'param' ? 1 : 2);
  const sa = parse(a);
  const sb = parse(b);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const ra = sa[i] ? rank(sa[i] as Segment) : -1;
    const rb = sb[i] ? rank(sb[i] as Segment) : -1;
    if (ra !== rb) return ra - rb;
  }
  return 0;
}
