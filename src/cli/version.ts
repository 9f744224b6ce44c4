/** The gateway's version, shown by `--version` and the start banner. */
export const version = '0.1.0';
