/**
 * Reading compiled ARM JSON in tests: every resource with the template (and module deployment) it sits in, and a
 * small evaluator of ARM template expressions for the values the app settings are built from.
 */

export interface ArmResource {
  type: string;
  name: string;
  location?: string;
  scope?: string;
  condition?: unknown;
  properties?: Record<string, unknown> & {
    template?: ArmTemplate;
    parameters?: Record<string, { value?: unknown }>;
  };
  [key: string]: unknown;
}

export interface ArmTemplate {
  parameters?: Record<string, { defaultValue?: unknown; allowedValues?: unknown[] }>;
  variables?: Record<string, unknown>;
  resources: ArmResource[] | Record<string, ArmResource>;
  outputs?: Record<string, unknown>;
}

/** Where a resource is declared: its template and the chain of module deployments above it. */
export interface Placement {
  template: ArmTemplate;
  /** The module's deployment resource in the parent template; undefined for main. */
  deployment?: ArmResource;
  parent?: Placement;
}

export interface PlacedResource {
  resource: ArmResource;
  placement: Placement;
}

const DEPLOYMENTS = 'Microsoft.Resources/deployments';

export function resourcesOf(template: ArmTemplate): ArmResource[] {
  return Array.isArray(template.resources) ? template.resources : Object.values(template.resources);
}

/** Every resource of the template and of its nested module templates, modules themselves excluded. */
export function allResources(template: ArmTemplate, placement: Placement = { template }): PlacedResource[] {
  return resourcesOf(template).flatMap((resource) => {
    const nested = resource.properties?.template;
    if (resource.type === DEPLOYMENTS && nested) return allResources(nested, { template: nested, deployment: resource, parent: placement });
    return [{ resource, placement }];
  });
}

/** The module deployment named `name` anywhere in the tree. */
export function findModule(template: ArmTemplate, name: string): ArmResource {
  for (const resource of resourcesOf(template)) {
    if (resource.type !== DEPLOYMENTS) continue;
    if (resource.name === name) return resource;
    const nested = resource.properties?.template;
    if (nested) {
      try {
        return findModule(nested, name);
      } catch {
        // not under this one
      }
    }
  }
  throw new Error(`no module deployment named ${name}`);
}

/**
 * Follows `[parameters('x')]` up through the modules that pass it: the main template's parameter it comes from, or
 * the literal it is. Anything else (an expression computing a location) is returned as found.
 */
export function originOf(value: unknown, placement: Placement): { mainParameter: string } | { literal: unknown } {
  const reference = typeof value === 'string' ? /^\[parameters\('(\w+)'\)\]$/.exec(value) : null;
  if (!reference?.[1]) return { literal: value };
  const name = reference[1];
  if (!placement.deployment || !placement.parent) return { mainParameter: name };
  const passed = placement.deployment.properties?.parameters?.[name];
  if (passed) return originOf(passed.value, placement.parent);
  return { literal: placement.template.parameters?.[name]?.defaultValue };
}

// ---- expressions ----

type Node =
  | { kind: 'literal'; value: string | number }
  | { kind: 'call'; name: string; args: Node[]; access: ({ property: string } | { index: Node })[] };

function parse(text: string): Node {
  let at = 0;
  const skip = () => {
    while (text[at] === ' ') at += 1;
  };
  const expect = (char: string) => {
    skip();
    if (text[at] !== char) throw new Error(`expected ${char} at ${at} in ${text}`);
    at += 1;
  };
  const node = (): Node => {
    skip();
    if (text[at] === "'") {
      let value = '';
      at += 1;
      while (at < text.length) {
        if (text[at] === "'" && text[at + 1] === "'") {
          value += "'";
          at += 2;
        } else if (text[at] === "'") break;
        else value += text[at++];
      }
      at += 1;
      return { kind: 'literal', value };
    }
    const number = /^-?\d+/.exec(text.slice(at));
    if (number) {
      at += number[0].length;
      return { kind: 'literal', value: Number(number[0]) };
    }
    const name = /^[A-Za-z_][\w]*/.exec(text.slice(at))?.[0];
    if (!name) throw new Error(`unexpected ${text.slice(at, at + 10)} in ${text}`);
    at += name.length;
    expect('(');
    const args: Node[] = [];
    skip();
    while (text[at] !== ')') {
      args.push(node());
      skip();
      if (text[at] === ',') at += 1;
      skip();
    }
    at += 1;
    const access: ({ property: string } | { index: Node })[] = [];
    for (;;) {
      if (text[at] === '.') {
        const property = /^\.(\w+)/.exec(text.slice(at))?.[1] ?? '';
        at += property.length + 1;
        access.push({ property });
      } else if (text[at] === '[') {
        at += 1;
        access.push({ index: node() });
        expect(']');
      } else break;
    }
    return { kind: 'call', name, args, access };
  };
  const root = node();
  skip();
  if (at !== text.length) throw new Error(`trailing text in ${text}`);
  return root;
}

export interface EvaluationContext {
  parameters: Record<string, unknown>;
  variables: Record<string, unknown>;
  /** What a module deployment outputs at deploy time, by module name and output name. */
  moduleOutputs: Record<string, Record<string, unknown>>;
}

function member(value: unknown, key: string | number): unknown {
  if (value === null || typeof value !== 'object' || !(key in value)) throw new Error(`no ${key} in ${JSON.stringify(value)}`);
  return (value as Record<string | number, unknown>)[key];
}

function call(name: string, args: Node[], context: EvaluationContext): unknown {
  const value = (i: number) => evaluateNode(args[i] as Node, context);
  const all = () => args.map((_, i) => value(i));
  switch (name.toLowerCase()) {
    case 'parameters':
      return member(context.parameters, String(value(0)));
    case 'variables':
      return evaluate(member(context.variables, String(value(0))), context);
    case 'if':
      return value(0) ? value(1) : value(2);
    case 'empty': {
      const v = value(0);
      return v === '' || v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
    }
    case 'format': {
      const [template, ...rest] = all();
      return String(template).replace(/\{(\d+)\}/g, (_, i: string) => String(rest[Number(i)]));
    }
    case 'string': {
      const v = value(0);
      return typeof v === 'string' ? v : JSON.stringify(v);
    }
    case 'tolower':
      return String(value(0)).toLowerCase();
    case 'uniquestring':
      return 'k3x9talentitk';
    case 'subscription':
      return { id: '/subscriptions/sub', subscriptionId: 'sub' };
    case 'tenant':
      return { tenantId: 'tenant' };
    case 'extensionresourceid': {
      const [, type, resourceName] = all();
      return type === DEPLOYMENTS ? { deployment: resourceName } : `/${String(type)}/${String(resourceName)}`;
    }
    case 'resourceid':
    case 'subscriptionresourceid':
      return `/${all().join('/')}`;
    case 'reference': {
      const target = value(0);
      const module = typeof target === 'object' && target !== null && 'deployment' in target ? String(target.deployment) : undefined;
      if (!module) throw new Error(`reference to something other than a module: ${JSON.stringify(target)}`);
      const outputs = context.moduleOutputs[module];
      if (!outputs) throw new Error(`no sample outputs for module ${module}`);
      return { outputs: Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { value: v }])) };
    }
    default:
      throw new Error(`the test's evaluator does not know ${name}()`);
  }
}

function evaluateNode(node: Node, context: EvaluationContext): unknown {
  if (node.kind === 'literal') return node.value;
  let value = call(node.name, node.args, context);
  for (const step of node.access) {
    value = member(value, 'property' in step ? step.property : (evaluateNode(step.index, context) as string | number));
  }
  return value;
}

/** Evaluates a template value: expressions in `[...]`, recursively through arrays and objects. */
export function evaluate(value: unknown, context: EvaluationContext): unknown {
  if (typeof value === 'string') {
    if (value.startsWith('[[')) return value.slice(1);
    return value.startsWith('[') && value.endsWith(']') ? evaluateNode(parse(value.slice(1, -1)), context) : value;
  }
  if (Array.isArray(value)) return value.map((v) => evaluate(v, context));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, context)]));
  return value;
}
