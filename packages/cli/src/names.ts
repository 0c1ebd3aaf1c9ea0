/** Names the CLI accepts for parameter sets and programs. */
export const PARAM_SET_NAMES = ['INSECURE_N512', 'INSECURE_N1024', 'PRODUCTION_N8192'] as const;
export type ParamSetName = (typeof PARAM_SET_NAMES)[number];

export const PROGRAM_NAMES = ['sum', 'ballot', 'datapool', 'auction'] as const;
export type ProgramName = (typeof PROGRAM_NAMES)[number];
