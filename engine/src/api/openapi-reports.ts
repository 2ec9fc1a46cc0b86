import { type JsonObject, markCapabilities, ok, operation, pathParameter, problem } from './openapi-operations.ts';

const name = pathParameter('name');
const parametersBody = (required: string[], properties: JsonObject) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', required, additionalProperties: false, properties } } },
});
const parameterValues = {
  type: 'object',
  description: 'Values of the report’s declared parameters, each of its declared type',
  additionalProperties: { type: ['string', 'number', 'boolean'] },
};
const queryValues = {
  name: 'parameters',
  in: 'query',
  description: 'The report’s parameters as query parameters (`?from=2026-04-01`), parsed by their declared type',
  style: 'form',
  explode: true,
  schema: { type: 'object', additionalProperties: { type: 'string' } },
};

/** Reports and dashboards: list, run, export, preview, dashboard layout. */
export function reportPaths(): JsonObject {
  const exportOperation = (format: 'csv' | 'xlsx', type: string) =>
    operation(
      'reports',
      `exportReport${format.toUpperCase()}`,
      `Run a published report and download it as ${format.toUpperCase()}, its conditions written above the table`,
      {
        '200': {
          description: 'The file; suppressed cells are ＊',
          content: { [type]: { schema: { type: 'string', format: 'binary' } } },
        },
        '400': problem('A parameter is unknown, missing or of the wrong type'),
        '403': problem('The report reads a field the caller may not see'),
        '404': problem('No such report'),
        '503': problem('The query did not finish within the statement timeout'),
      },
      { parameters: [name, queryValues] },
    );
  return {
    ...markCapabilities(
      {
        '/api/reports/preview': {
          post: operation(
            'reports',
            'previewReport',
            'Run a report being edited, after the checks a publication would run',
            { '200': ok('The result'), '400': problem('Bad parameters'), '422': problem('The report is not valid') },
            { requestBody: parametersBody(['report'], { report: { type: 'object' }, parameters: parameterValues }) },
          ),
        },
      },
      () => 'metadata.publish',
    ),
    '/api/reports': {
      get: operation('reports', 'listReports', 'The published reports the caller may run', { '200': ok('Reports') }),
    },
    '/api/reports/map': {
      get: operation(
        'reports',
        'getWardMap',
        'The ward map (GeoJSON) the city set for map charts, with its name property',
        {
          '200': ok('The map'),
          '404': problem('No ward map is set'),
        },
      ),
    },
    '/api/reports/{name}/run': {
      post: operation(
        'reports',
        'runReport',
        'Run a published report over the rows and fields the caller may read; small cells suppressed',
        {
          '200': ok('Cells, subtotals and the total; suppressed ones without values'),
          '400': problem('A parameter is unknown, missing or of the wrong type'),
          '403': problem('The report reads a field the caller may not see'),
          '404': problem('No such report'),
          '503': problem('The query did not finish within the statement timeout'),
        },
        { parameters: [name], requestBody: parametersBody([], { parameters: parameterValues }) },
      ),
    },
    '/api/reports/{name}/records': {
      post: operation(
        'reports',
        'reportRecords',
        'The records behind one cell (drill-down), as the caller may list them',
        {
          '200': ok('Up to 50 records and whether there are more'),
          '400': problem('A parameter is unknown, missing or of the wrong type'),
          '404': problem('No such report'),
          '422': problem('keys do not name a cell'),
        },
        {
          parameters: [name],
          requestBody: parametersBody(['keys'], {
            parameters: parameterValues,
            keys: { type: 'array', items: { type: ['string', 'null'] } },
          }),
        },
      ),
    },
    '/api/reports/{name}/export.csv': { get: exportOperation('csv', 'text/csv') },
    '/api/reports/{name}/export.xlsx': {
      get: exportOperation('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    },
    '/api/reports/dashboards/{name}': {
      get: operation(
        'reports',
        'readDashboard',
        'A dashboard with the reports on it the caller may run',
        {
          '200': ok('The dashboard and its reports'),
          '404': problem('No such dashboard, or not for the caller’s roles'),
        },
        { parameters: [name] },
      ),
    },
  };
}
