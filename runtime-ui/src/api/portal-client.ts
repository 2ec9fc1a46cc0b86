import type { RecordData } from '../metadata/index.ts';
import type {
  AssignTo,
  MyRecord,
  PortalApp,
  PortalName,
  Principal,
  Profile,
  Task,
  WorkflowStatus,
} from '../portal/portal-types.ts';
import { type ApiOptions, ApiProblemError, requestJson } from './client.ts';

const path = (...segments: string[]) => segments.map(encodeURIComponent).join('/');

/** The signed-in principal, or undefined when nobody is signed in (the API answers 401). */
export async function fetchSignedIn(options: ApiOptions): Promise<Principal | undefined> {
  try {
    return (await requestJson<{ principal: Principal }>('/api/auth/me', options)).principal;
  } catch (error) {
    if (error instanceof ApiProblemError && error.problem.status === 401) return undefined;
    throw error;
  }
}

export async function signIn(username: string, password: string, options: ApiOptions): Promise<Principal> {
  const body = JSON.stringify({ username, password });
  return (await requestJson<{ principal: Principal }>('/api/auth/login', options, { method: 'POST', body })).principal;
}

export async function signUp(
  account: { username: string; password: string; displayName?: string },
  options: ApiOptions,
): Promise<Principal> {
  // Sign-up answers 202 alike for a free and a taken name (it must not reveal which names
  // exist), so the new account is proven by signing in with it.
  await requestJson<unknown>('/api/auth/signup', options, { method: 'POST', body: JSON.stringify(account) });
  return signIn(account.username, account.password, options);
}

export async function signOut(options: ApiOptions): Promise<void> {
  await requestJson<void>('/api/auth/logout', options, { method: 'POST' });
}

export function fetchPortalApp(portal: PortalName, options: ApiOptions): Promise<PortalApp> {
  return requestJson<PortalApp>(`/api/portal/app?portal=${portal}`, options);
}

export function fetchProfile(options: ApiOptions): Promise<Profile> {
  return requestJson<Profile>('/api/profile', options);
}

export function saveProfile(profile: Profile, options: ApiOptions): Promise<Profile> {
  return requestJson<Profile>('/api/profile', options, { method: 'PUT', body: JSON.stringify(profile) });
}

export async function fetchMyRecords(options: ApiOptions): Promise<MyRecord[]> {
  return (await requestJson<{ items: MyRecord[] }>('/api/workflows/mine', options)).items;
}

export function fetchRecord(entity: string, id: string, options: ApiOptions): Promise<RecordData> {
  return requestJson<RecordData>(`/api/data/${path(entity, id)}`, options);
}

export function fetchWorkflowStatus(entity: string, id: string, options: ApiOptions): Promise<WorkflowStatus> {
  return requestJson<WorkflowStatus>(`/api/workflows/${path(entity, id)}`, options);
}

export function makeTransition(
  target: { entity: string; id: string; transition: string; comment?: string },
  options: ApiOptions,
): Promise<WorkflowStatus> {
  const url = `/api/workflows/${path(target.entity, target.id)}/transitions/${path(target.transition)}`;
  const body = JSON.stringify(target.comment ? { comment: target.comment } : {});
  return requestJson<WorkflowStatus>(url, options, { method: 'POST', body });
}

export async function fetchTasks(status: 'open' | 'done', options: ApiOptions): Promise<Task[]> {
  return (await requestJson<{ items: Task[] }>(`/api/tasks?status=${status}`, options)).items;
}

export function reassignTask(id: string, assignTo: AssignTo, comment: string, options: ApiOptions): Promise<Task> {
  const body = JSON.stringify(comment ? { assignTo, comment } : { assignTo });
  return requestJson<Task>(`/api/tasks/${path(id)}/reassign`, options, { method: 'POST', body });
}
