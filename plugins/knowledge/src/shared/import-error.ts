/** One problem in an imported file: where it is (file and 1-based line) and what is wrong. */
export interface ImportProblem {
  file: string;
  line: number;
  message: string;
}

/** A file that cannot be imported as a whole; nothing of it is kept. */
export class ImportError extends Error {
  readonly code = 'knowledge.invalidImport';
  readonly problems: ImportProblem[];

  constructor(problems: ImportProblem[]) {
    const first = problems[0];
    super(
      first
        ? `${problems.length} problem(s), nothing imported; first: ${first.file}:${first.line}: ${first.message}`
        : 'nothing imported',
    );
    this.problems = problems;
  }
}
