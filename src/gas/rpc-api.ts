// The RPC surface as types, shared with the sidebars' client (type-only imports: nothing of the server ships to the browser).
import type * as staff from './rpc-staff';
import type { getHelpInfo, RpcResult } from './rpc';

type Fn = (raw?: unknown) => RpcResult<unknown>;
type ValueOf<F> = F extends (raw?: unknown) => RpcResult<infer T> ? T : never;
type Entry<F extends Fn, A> = { args: A; result: ValueOf<F> };

export interface RpcApi {
  getHelpInfo: Entry<typeof getHelpInfo, Record<string, never>>;
  getLeaderOverview: Entry<typeof staff.getLeaderOverview, Record<string, never>>;
  getCourse: Entry<typeof staff.getCourse, { code: string }>;
  saveCourse: Entry<typeof staff.saveCourse, import('../core/use-cases/courses').CourseInput>;
  setEnrolment: Entry<typeof staff.setEnrolment, { code: string; state: 'черновик' | 'открыт' | 'закрыт' }>;
  getAttendance: Entry<typeof staff.getAttendance, { code: string }>;
  formGroup: Entry<typeof staff.formGroup, { code: string; present: string[] }>;
  addLateArrivals: Entry<typeof staff.addLateArrivals, { code: string; group: string; ids: string[] }>;
  withdrawApplication: Entry<typeof staff.withdrawApplication, { id: string; reason: string }>;
  getGroupCompletion: Entry<typeof staff.getGroupCompletion, { group: string }>;
  correctLearner: Entry<typeof staff.correctLearner, { id: string; snils?: string; birthDate?: string; sex?: string; educationLevel?: string; diplomaLastName?: string }>;
  completeGroup: Entry<typeof staff.completeGroup, { group: string; outcomes: Array<{ id: string; outcome: 'completed' | 'expelled'; reason: string }> }>;
  archiveGroup: Entry<typeof staff.archiveGroup, { group: string }>;
  exportFrdo: Entry<typeof staff.exportFrdo, { from: string; to: string; subdivision: string }>;
  generateDocuments: Entry<typeof staff.generateDocuments, { group: string }>;
  rolloverArchive: Entry<typeof staff.rolloverArchive, { beforeYear: number }>;
  refreshStatistics: Entry<typeof staff.refreshStatistics, { from: string; to: string; subdivision: string }>;
  getStatistics: Entry<typeof staff.getStatistics, { from: string; to: string; subdivision: string }>;
  getAccessList: Entry<typeof staff.getAccessList, Record<string, never>>;
  grantAccess: Entry<typeof staff.grantAccess, { email: string; role: 'sector' | 'head' | 'leader' | 'methodist'; scope: string; name: string }>;
  revokeAccess: Entry<typeof staff.revokeAccess, { email: string }>;
  saveSubdivision: Entry<typeof staff.saveSubdivision, { code: string; name: string }>;
  saveTerritory: Entry<typeof staff.saveTerritory, { code: string; name: string; active: boolean }>;
}
