import { KibanError } from '../errors.ts';
import { isParameterOperand, rewriteParameterComparisons } from '../metadata/report-conditions.ts';
import type {
  ReportMetadata,
  ReportParameter,
  ReportParameterType,
  RuleComparison,
  RuleCondition,
} from '../metadata/types.ts';

export type ParameterValue = string | number | boolean;

/** The report's filter with its parameters bound, and the values used (to write into exports). */
export interface BoundFilter {
  condition: RuleCondition | null;
  values: Record<string, ParameterValue>;
}

interface Problem {
  pointer: string;
  code: string;
  message: { ja: string; en: string };
}

/**
 * Checks the given values against the declared parameters and binds them into the filter.
 * `fromText`: the values came as text (a query string), so numbers and booleans are parsed;
 * from JSON they must already have their type. A comparison whose parameter is absent and
 * has no default is left out. Any problem is a 400 naming every bad parameter.
 */
export function bindReportParameters(report: ReportMetadata, given: unknown, fromText = false): BoundFilter {
  const declared = new Map((report.parameters ?? []).map((parameter) => [parameter.name, parameter]));
  const problems: Problem[] = [];
  const values: Record<string, ParameterValue> = {};
  if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given))) {
    throw parametersInvalid([
      problem(
        '',
        'report.parametersNotObject',
        'パラメータは JSON のオブジェクトで渡してください。',
        'Give the parameters as a JSON object.',
      ),
    ]);
  }
  for (const [name, raw] of Object.entries((given ?? {}) as Record<string, unknown>)) {
    const parameter = declared.get(name);
    if (!parameter) {
      problems.push(
        problem(
          `/${name}`,
          'report.unknownParameter',
          `パラメータ「${name}」はありません。`,
          `There is no parameter "${name}".`,
        ),
      );
      continue;
    }
    const value = parseValue(parameter.type, raw, fromText);
    if (value === undefined) problems.push(typeProblem(parameter));
    else values[name] = value;
  }
  for (const parameter of declared.values()) {
    if (values[parameter.name] !== undefined || problems.some((each) => each.pointer === `/${parameter.name}`))
      continue;
    if (parameter.default !== undefined && parameter.default !== null) values[parameter.name] = parameter.default;
    else if (parameter.required) {
      problems.push(
        problem(
          `/${parameter.name}`,
          'report.parameterRequired',
          `パラメータ「${labelOf(parameter)}」を指定してください。`,
          `Give the parameter "${parameter.label.en ?? parameter.name}".`,
        ),
      );
    }
  }
  if (problems.length > 0) throw parametersInvalid(problems);
  const condition = report.filter
    ? rewriteParameterComparisons(report.filter, (comparison) => bindComparison(comparison, values))
    : null;
  return { condition, values };
}

function bindComparison(comparison: RuleComparison, values: Record<string, ParameterValue>): RuleComparison | null {
  const bind = (operand: unknown) => (isParameterOperand(operand) ? values[operand.param] : operand);
  const { value } = comparison;
  if (isParameterOperand(value)) {
    const bound = values[value.param];
    if (bound === undefined) return null;
    // A whole list given by one parameter is the list of that one value.
    return { ...comparison, value: comparison.op === 'in' || comparison.op === 'notIn' ? [bound] : bound };
  }
  const list = (value as unknown[]).map(bind);
  return list.some((each) => each === undefined) ? null : { ...comparison, value: list };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function parseValue(type: ReportParameterType, raw: unknown, fromText: boolean): ParameterValue | undefined {
  switch (type) {
    case 'string':
      return typeof raw === 'string' && raw.length <= 1000 ? raw : undefined;
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      return fromText && (raw === 'true' || raw === 'false') ? raw === 'true' : undefined;
    case 'integer':
    case 'decimal': {
      const pattern = type === 'integer' ? /^-?\d{1,15}$/ : /^-?\d{1,15}(?:\.\d{1,10})?$/;
      const number =
        typeof raw === 'number'
          ? raw
          : fromText && typeof raw === 'string' && pattern.test(raw)
            ? Number(raw)
            : Number.NaN;
      if (!Number.isFinite(number)) return undefined;
      return type === 'integer' && !Number.isInteger(number) ? undefined : number;
    }
    case 'date':
      return typeof raw === 'string' && DATE.test(raw) && isCalendarDate(raw) ? raw : undefined;
    case 'datetime':
      return typeof raw === 'string' && DATETIME.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : undefined;
  }
}

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const TYPE_WORDS: Record<ReportParameterType, { ja: string; en: string }> = {
  string: { ja: '文字列', en: 'a text' },
  integer: { ja: '整数', en: 'an integer' },
  decimal: { ja: '数値', en: 'a number' },
  boolean: { ja: 'true か false', en: 'true or false' },
  date: { ja: '日付（YYYY-MM-DD）', en: 'a date (YYYY-MM-DD)' },
  datetime: { ja: '日時（ISO 8601、時差つき）', en: 'a date and time (ISO 8601 with an offset)' },
};

function typeProblem(parameter: ReportParameter): Problem {
  const words = TYPE_WORDS[parameter.type];
  return problem(
    `/${parameter.name}`,
    'report.parameterType',
    `パラメータ「${labelOf(parameter)}」は${words.ja}で指定してください。`,
    `The parameter "${parameter.label.en ?? parameter.name}" must be ${words.en}.`,
  );
}

function labelOf(parameter: ReportParameter): string {
  return parameter.label.ja;
}

function problem(pointer: string, code: string, ja: string, en: string): Problem {
  return { pointer, code, message: { ja, en } };
}

function parametersInvalid(details: Problem[]): KibanError {
  return new KibanError(
    'report.parametersInvalid',
    400,
    { ja: 'レポートのパラメータに誤りがあります。', en: 'The report parameters are not valid.' },
    details,
  );
}
