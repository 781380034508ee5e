/**
 * The original Supabase schema (reference/original-system.md §2): the 18 public tables with their enums, CHECKs,
 * defaults and foreign keys, and the auth and storage schemas stubbed to the columns the migration reads.
 */
export const ORIGINAL_SCHEMA = `
create schema if not exists auth;
create schema if not exists storage;

create table auth.users (
  id uuid primary key default gen_random_uuid(),
  email text,
  email_confirmed_at timestamptz,
  raw_user_meta_data jsonb default '{}'::jsonb,
  created_at timestamptz not null default now(),
  last_sign_in_at timestamptz
);

create table storage.objects (
  id uuid primary key default gen_random_uuid(),
  bucket_id text,
  name text,
  metadata jsonb,
  created_at timestamptz default now()
);

create type public.app_role as enum ('org_admin', 'org_recruiter', 'org_viewer', 'candidate');
create type public.interview_status as enum ('invited', 'scheduled', 'in_progress', 'completed', 'cancelled', 'expired');
create type public.invitation_status as enum ('pending', 'sent', 'delivered', 'opened', 'bounced', 'expired');
create type public.job_role_status as enum ('draft', 'active', 'paused', 'closed');

create table public.candidate_profiles (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references auth.users(id) on delete cascade,
  first_name text, last_name text, email text, phone text, suburb text, postcode text, state text,
  country text default 'Australia', work_rights text, availability text, work_mode text,
  gpa_wam numeric(4,2), portfolio_url text, linkedin_url text, cv_file_path text, cv_uploaded_at timestamptz,
  profile_visibility text default 'visible',
  visibility_settings jsonb default '{"name":true,"location":true,"education":true,"employment":true,"skills":true,"portfolio":true,"linkedin":true,"email":false,"phone":false}'::jsonb,
  paused_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.employment_history (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users(id) on delete cascade,
  job_title text not null, company_name text not null, start_date date not null, end_date date,
  is_current boolean default false, description text,
  created_at timestamptz not null default now()
);

create table public.education (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users(id) on delete cascade,
  institution text not null, degree text not null, field_of_study text, start_date date, end_date date,
  is_current boolean default false,
  created_at timestamptz not null default now()
);

create table public.candidate_skills (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users(id) on delete cascade,
  skill_name text not null, skill_type text not null, proficiency_level text,
  created_at timestamptz not null default now()
);

create table public.candidate_dei (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references auth.users(id) on delete cascade,
  gender text, ethnicity text, disability_status text, veteran_status text,
  created_at timestamptz not null default now()
);

create table public.user_roles (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users(id) on delete cascade,
  role public.app_role not null,
  created_at timestamptz not null default now(),
  unique (user_id, role)
);

create table public.organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null, industry text, website text, logo_url text, description text,
  values_framework jsonb, billing_email text, billing_address text,
  recording_retention_days integer default 60,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.org_users (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users(id) on delete cascade,
  organisation_id uuid not null references public.organisations(id) on delete cascade,
  role text not null default 'recruiter' check (role in ('admin', 'recruiter', 'hiring_manager', 'viewer')),
  created_at timestamptz not null default now(),
  unique (user_id, organisation_id)
);

create table public.job_roles (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations(id) on delete cascade,
  title text not null, department text, industry text,
  work_type text check (work_type in ('onsite', 'hybrid', 'remote')),
  location text, salary_range_min integer, salary_range_max integer,
  employment_type text check (employment_type in ('full_time', 'part_time', 'contract', 'casual')),
  description text, requirements jsonb, interview_structure jsonb, scoring_rubric jsonb,
  status public.job_role_status not null default 'draft',
  created_by uuid references auth.users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.applications (
  id uuid primary key default gen_random_uuid(),
  candidate_id uuid not null references auth.users(id) on delete cascade,
  job_role_id uuid not null references public.job_roles(id) on delete cascade,
  status text not null default 'applied'
    check (status in ('applied', 'shortlisted', 'invited', 'interviewed', 'scoring', 'reviewed', 'rejected', 'hired')),
  match_score numeric,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (candidate_id, job_role_id)
);

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references public.applications(id) on delete cascade,
  token text not null unique,
  status public.invitation_status not null default 'pending',
  email_template text, sent_at timestamptz, opened_at timestamptz, expires_at timestamptz not null,
  created_at timestamptz not null default now()
);

create table public.interviews (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references public.applications(id) on delete cascade,
  status public.interview_status not null default 'invited',
  started_at timestamptz, ended_at timestamptz, duration_seconds integer, recording_url text,
  anti_cheat_signals jsonb default '[]'::jsonb, metadata jsonb default '{}'::jsonb,
  recording_deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.transcript_segments (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null references public.interviews(id) on delete cascade,
  speaker text not null check (speaker in ('ai', 'candidate')),
  content text not null, start_time_ms integer not null, end_time_ms integer, confidence numeric,
  created_at timestamptz not null default now()
);

create table public.score_dimensions (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null references public.interviews(id) on delete cascade,
  dimension text not null,
  score numeric not null check (score >= 0 and score <= 10),
  weight numeric default 1.0, evidence text, cited_quotes jsonb default '[]'::jsonb,
  created_at timestamptz not null default now()
);

create table public.interview_scores (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null unique references public.interviews(id) on delete cascade,
  overall_score numeric check (overall_score >= 0 and overall_score <= 100),
  narrative_summary text, candidate_feedback text,
  anti_cheat_risk_level text check (anti_cheat_risk_level in ('low', 'medium', 'high')),
  scored_by text default 'ai', human_override boolean default false,
  human_override_by uuid references auth.users(id), human_override_reason text,
  model_version text, prompt_version text, rubric_version text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.audit_log (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references auth.users(id),
  organisation_id uuid references public.organisations(id),
  action text not null, entity_type text not null, entity_id uuid,
  old_values jsonb, new_values jsonb, ip_address text,
  created_at timestamptz not null default now()
);

create table public.practice_interviews (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  sample_role_type text not null, status text not null default 'not_started',
  started_at timestamptz, ended_at timestamptz, duration_seconds integer, feedback jsonb default '{}'::jsonb,
  created_at timestamptz not null default now()
);

create table public.data_deletion_requests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  request_type text not null default 'full_deletion', status text not null default 'pending',
  reason text, requested_at timestamptz not null default now(), processed_at timestamptz,
  processed_by text, notes text
);
`;
