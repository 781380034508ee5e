import { z } from 'zod';
import { addRecord, removeRecord, updateRecord, type RecordKind } from '../../shared/candidates/candidate-records';
import { educationKind } from '../../shared/candidates/education';
import { employmentKind } from '../../shared/candidates/employment';
import { skillKind } from '../../shared/candidates/skills';
import { CandidateSkillSchema, EducationSchema, EmploymentSchema } from '../../shared/domain/candidate-records';
import { etagOf, updateAtVersion } from '../../shared/http/concurrency';
import { defineHttpFunction, json, type HttpResult } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';

/**
 * Employment, education and skills have the same three endpoints (add, change, remove) over the candidate's own
 * rows; each function file names its own route and schemas and gets its definition here.
 */
interface RecordResource<R extends { id: string; version: number }, F extends object> {
  /** Collection route, e.g. `candidate/employment`. */
  route: string;
  /** Route parameter of one row, e.g. `employmentId`. */
  idParam: string;
  /** The response body's key: `{ "employment": {...} }`. */
  key: string;
  kind: RecordKind<R, F>;
  recordSchema: z.ZodType;
}

interface FunctionText {
  name: string;
  summary: string;
  description: string;
}

export const EMPLOYMENT = { route: 'candidate/employment', idParam: 'employmentId', key: 'employment', kind: employmentKind, recordSchema: EmploymentSchema };
export const EDUCATION = { route: 'candidate/education', idParam: 'educationId', key: 'education', kind: educationKind, recordSchema: EducationSchema };
export const SKILLS = { route: 'candidate/skills', idParam: 'skillId', key: 'skill', kind: skillKind, recordSchema: CandidateSkillSchema };

const BODY_LIMIT = 16 * 1024;

function withKey(key: string, record: { version: number }, status: number): HttpResult {
  return json(status, { [key]: record }, { etag: etagOf(record.version) });
}

export function defineAddRecordFunction<R extends { id: string; version: number }, F extends object>(
  endpoint: RecordResource<R, F>,
  text: FunctionText,
  body: z.ZodType<F>,
) {
  return defineHttpFunction({
    ...text,
    route: endpoint.route,
    methods: ['POST'],
    access: 'user',
    tags: ['candidates'],
    body,
    bodyLimitBytes: BODY_LIMIT,
    responses: {
      201: { description: 'Added; ETag is its version.', schema: z.object({ [endpoint.key]: endpoint.recordSchema }) },
      409: { description: 'No candidate profile yet, the list is full, or (skills) the name is already listed.' },
    },
    handle: async ({ body: fields, caller, data, clientIp }) =>
      withKey(endpoint.key, await data.run((db) => addRecord(endpoint.kind, db, caller, fields, { ipAddress: clientIp })), 201),
  });
}

export function defineUpdateRecordFunction<R extends { id: string; version: number }, F extends object>(
  endpoint: RecordResource<R, F>,
  text: FunctionText,
  body: z.ZodType<Partial<F>>,
) {
  return defineHttpFunction({
    ...text,
    route: `${endpoint.route}/{${endpoint.idParam}:guid}`,
    methods: ['PATCH'],
    access: 'user',
    tags: ['candidates'],
    body,
    bodyLimitBytes: BODY_LIMIT,
    responses: {
      200: { description: 'The entry as it is now; ETag is its new version.', schema: z.object({ [endpoint.key]: endpoint.recordSchema }) },
      404: { description: 'No such entry of yours.' },
      409: { description: '(skills) Another of your skills has that name.' },
      412: { description: 'The entry changed since the ETag sent; read it again.' },
      428: { description: 'If-Match is missing.' },
    },
    handle: ({ body: changes, caller, data, params, header, clientIp }) =>
      updateAtVersion(
        header('if-match'),
        (version) => data.run((db) => updateRecord(endpoint.kind, db, caller, routeId(params, endpoint.idParam), version, changes, { ipAddress: clientIp })),
        (record) => ({ [endpoint.key]: record }),
      ),
  });
}

export function defineRemoveRecordFunction<R extends { id: string; version: number }, F extends object>(
  endpoint: RecordResource<R, F>,
  text: FunctionText,
) {
  return defineHttpFunction({
    ...text,
    route: `${endpoint.route}/{${endpoint.idParam}:guid}`,
    methods: ['DELETE'],
    access: 'user',
    tags: ['candidates'],
    responses: {
      204: { description: 'Removed.' },
      404: { description: 'No such entry of yours.' },
    },
    handle: async ({ caller, data, params, clientIp }) => {
      await data.run((db) => removeRecord(endpoint.kind, db, caller, routeId(params, endpoint.idParam), { ipAddress: clientIp }));
      return { status: 204 };
    },
  });
}
