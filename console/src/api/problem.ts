/** An API refusal as the console shows it: the problem+json body, in the user's language. */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface ProblemBody {
  status: number;
  code: string;
  title: string;
  detail?: string;
  requestId?: string;
  errors?: FieldProblem[];
}

export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: ProblemBody;

  constructor(problem: ProblemBody) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }

  /** The message the API gave for one field (`email`, `stores.0.name`), if any. */
  fieldMessage(path: string): string | undefined {
    return this.problem.errors?.find((error) => error.path === path)?.message;
  }
}

/** Any response that is not a success, as a ProblemError (a gateway's HTML page included). */
export async function problemOf(response: Response): Promise<ProblemError> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.clone().json()) as Partial<ProblemBody>;
      return new ProblemError({
        status: response.status,
        code: body.code ?? 'HTTP_ERROR',
        title: body.title ?? response.statusText,
        ...(body.detail ? { detail: body.detail } : {}),
        ...(body.requestId ? { requestId: body.requestId } : {}),
        ...(body.errors ? { errors: body.errors } : {}),
      });
    } catch {
      // Fall through to the plain answer below.
    }
  }
  return new ProblemError({
    status: response.status,
    code: 'HTTP_ERROR',
    title: `${response.status} ${response.statusText}`,
  });
}
