import {
  itemsOf,
  type JsonObject,
  markCapabilities,
  ok,
  operation,
  pathParameter,
  problem,
  queryParameters,
  requestBody,
} from './openapi-operations.ts';

const id = pathParameter('id');
const notFound = problem('No such schedule of the caller’s (anyone’s with platform.manage)');

/** Scheduled email delivery of reports, for `reports.schedule`. */
export function reportSchedulePaths(): JsonObject {
  const toggle = (pause: boolean) => ({
    post: operation(
      'reports',
      pause ? 'pauseReportSchedule' : 'resumeReportSchedule',
      pause ? 'Pause a schedule: its waiting delivery is withdrawn' : 'Resume a schedule from its next period',
      { '200': ok('The schedule'), '404': notFound },
      { parameters: [id] },
    ),
  });
  return markCapabilities(
    {
      '/api/report-schedules': {
        get: operation(
          'reports',
          'listReportSchedules',
          'The caller’s report schedules (`?report=` one report’s; `?all=true` everyone’s, for platform.manage)',
          { '200': ok('Schedules', itemsOf()) },
        ),
        post: operation(
          'reports',
          'createReportSchedule',
          'Schedule a report by email (CSV or XLSX with its conditions), run as the caller, daily, weekly or monthly in the city’s time zone',
          {
            '201': ok('The schedule, with its first run'),
            '400': problem('A parameter is of the wrong type'),
            '403': problem('The report reads a field the caller may not see'),
            '404': problem('No such report'),
            '422': problem('A recipient, the format or the cadence is invalid'),
          },
          { requestBody: requestBody('reportSchedule') },
        ),
      },
      '/api/report-schedules/colleagues': {
        get: operation(
          'reports',
          'findReportColleagues',
          'Enabled staff who can receive a report, whose name or department contains `q` (names and departments only; audited)',
          { '200': ok('Up to 20 colleagues', itemsOf()), '422': problem('`q` is missing or too long') },
          { parameters: queryParameters('colleagueQuery') },
        ),
      },
      '/api/report-schedules/{id}': {
        get: operation(
          'reports',
          'readReportSchedule',
          'One schedule',
          { '200': ok('The schedule'), '404': notFound },
          {
            parameters: [id],
          },
        ),
        delete: operation(
          'reports',
          'deleteReportSchedule',
          'Delete a schedule and its history',
          { '204': { description: 'Deleted' }, '404': notFound },
          { parameters: [id] },
        ),
      },
      '/api/report-schedules/{id}/pause': toggle(true),
      '/api/report-schedules/{id}/resume': toggle(false),
      '/api/report-schedules/{id}/deliveries': {
        get: operation(
          'reports',
          'listReportDeliveries',
          'The schedule’s runs: sent or failed, when, rows, recipients and the reason of a failure',
          { '200': ok('Deliveries, newest first', itemsOf()), '404': notFound },
          { parameters: [id] },
        ),
      },
    },
    () => 'reports.schedule',
  );
}
