/**
 * Canonical skill names and the spellings that mean the same skill. Used by the offline rules and by the
 * deterministic shortlist stage, so "JS", "javascript" and "Java Script" all match "JavaScript".
 */
const VOCABULARY: Record<string, string[]> = {
  JavaScript: ['js', 'javascript', 'java script', 'ecmascript', 'es6'],
  TypeScript: ['ts', 'typescript'],
  'Node.js': ['node', 'nodejs', 'node.js'],
  React: ['react', 'reactjs', 'react.js'],
  Angular: ['angular', 'angularjs'],
  'Vue.js': ['vue', 'vuejs', 'vue.js'],
  Python: ['python', 'py'],
  Java: ['java'],
  'C#': ['c#', 'csharp', 'c sharp', '.net', 'dotnet'],
  Go: ['golang', 'go lang'],
  Rust: ['rust'],
  SQL: ['sql', 't-sql', 'tsql'],
  PostgreSQL: ['postgres', 'postgresql', 'psql'],
  'SQL Server': ['sql server', 'mssql', 'azure sql'],
  MongoDB: ['mongo', 'mongodb'],
  Azure: ['azure', 'microsoft azure'],
  AWS: ['aws', 'amazon web services'],
  GCP: ['gcp', 'google cloud'],
  Docker: ['docker', 'containers'],
  Kubernetes: ['kubernetes', 'k8s', 'aks', 'eks'],
  Terraform: ['terraform'],
  'CI/CD': ['ci/cd', 'cicd', 'continuous integration', 'continuous delivery', 'github actions', 'azure devops'],
  'REST APIs': ['rest', 'restful', 'rest api', 'rest apis', 'api design'],
  GraphQL: ['graphql'],
  'Machine Learning': ['machine learning', 'ml'],
  'Data Analysis': ['data analysis', 'analytics', 'data analytics'],
  Excel: ['excel', 'microsoft excel', 'spreadsheets'],
  'Power BI': ['power bi', 'powerbi'],
  Tableau: ['tableau'],
  Salesforce: ['salesforce', 'crm'],
  Agile: ['agile', 'scrum', 'kanban'],
  'Project Management': ['project management', 'pmp', 'prince2'],
  'Stakeholder Management': ['stakeholder management', 'stakeholder engagement'],
  Communication: ['communication', 'communication skills', 'written communication', 'verbal communication'],
  Leadership: ['leadership', 'team leadership', 'people leadership', 'mentoring', 'mentor'],
  'Problem Solving': ['problem solving', 'problem-solving', 'troubleshooting'],
  Teamwork: ['teamwork', 'collaboration', 'team player'],
  'Customer Service': ['customer service', 'client service', 'customer experience'],
  Sales: ['sales', 'business development'],
  Marketing: ['marketing', 'digital marketing', 'seo', 'sem'],
  Accounting: ['accounting', 'bookkeeping', 'xero', 'myob'],
  Nursing: ['nursing', 'registered nurse', 'rn'],
  'Security': ['security', 'cyber security', 'cybersecurity', 'infosec'],
  Testing: ['testing', 'unit testing', 'test automation', 'qa', 'quality assurance', 'jest', 'playwright'],
  Linux: ['linux', 'unix', 'bash'],
  Git: ['git', 'github', 'gitlab'],
};

const SOFT_SKILLS = new Set(['Communication', 'Leadership', 'Problem Solving', 'Teamwork', 'Customer Service', 'Stakeholder Management', 'Agile']);

const BY_SPELLING = new Map<string, string>();
for (const [canonical, spellings] of Object.entries(VOCABULARY)) {
  BY_SPELLING.set(canonical.toLowerCase(), canonical);
  for (const spelling of spellings) BY_SPELLING.set(spelling, canonical);
}

function normaliseSpelling(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9#+./\s-]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The canonical name of a skill, or the cleaned text itself when the vocabulary does not know it. */
export function canonicalSkill(name: string): string {
  const key = normaliseSpelling(name);
  return BY_SPELLING.get(key) ?? BY_SPELLING.get(key.replace(/\s/g, '')) ?? name.trim().replace(/\s+/g, ' ');
}

export function skillKey(name: string): string {
  return canonicalSkill(name).toLowerCase();
}

export function isSoftSkill(canonical: string): boolean {
  return SOFT_SKILLS.has(canonical);
}

/** Every known skill mentioned in a text, canonical, in order of first mention. */
export function findSkills(text: string): string[] {
  const haystack = ` ${normaliseSpelling(text)} `;
  const found: Array<{ skill: string; at: number }> = [];
  for (const [spelling, canonical] of BY_SPELLING) {
    if (spelling.length < 2) continue;
    const escaped = spelling.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`[\\s,(/]${escaped}(?=[\\s,.)/;:])`).exec(haystack);
    if (match && !found.some((f) => f.skill === canonical)) found.push({ skill: canonical, at: match.index });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.skill);
}
