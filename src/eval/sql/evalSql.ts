import { XentError } from '../../core/XentError.js';
import type { InfoUnit } from '../../core/info/unit.js';
import type { Binning, InputKind } from '../EvalOptions.js';
import { SUM_TOLERANCE } from '../EvalOptions.js';
import { EQUAL_MASS_GRID, EQUAL_MASS_GRID_LOGIT } from '../EvalSumsScale.js';
import { checkClassBins, MAX_BINS } from '../evalLimits.js';
import { SMOOTH_ECE_GRID } from '../SmoothEce.js';
import { RISK_COVERAGE_GRID } from '../RiskCoverage.js';

/**
 * A SQL query whose result is the table of sums (EvalSums) of predictions stored in a
 * warehouse table, so the rows never leave it: the result is a long table of
 * (part, cell, value), a few thousand rows whatever the table's size, which
 * `sumsFromCells` reads back (saved as CSV, JSON or Parquet by the engine).
 *
 * Every figure of EvalSums is a sum over rows grouped by bin, class or grid node, so each
 * part is one GROUP BY: the top-label bins, the class-wise bins (one branch per class,
 * UNION ALL), the smooth ECE's grid (each row split between its two nodes, two branches),
 * and the totals (log-loss moments about 0, accuracy, Brier, spherical). Rows the engine
 * cannot score (a NULL, a label that is not a class index, a probability outside [0, ∞),
 * probabilities not summing to 1 within 1e-6, a negative weight) are not scored but
 * counted (`invalidRows`), and a result with any is refused when read.
 *
 * Each row's arithmetic is written as the streaming engine does it (the bin ⌈c·M⌉ − 1
 * corrected against the edges m/M, the grid node ⌊c·G⌋, sums of squares left to right), so
 * the sums agree with streaming to the engine's summation order.
 */
export type SqlDialect = 'duckdb' | 'spark' | 'bigquery';
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'spark', 'bigquery'];

export interface EvalSqlRequest {
  dialect: SqlDialect;
  table: string;
  predColumns: string[];
  labelColumn: string;
  weightColumn?: string;
  input: InputKind;
  bins: number;
  binning: Binning;
  unit: InfoUnit;
  clip?: number;
}

interface DialectSyntax {
  double: string;
  bigint: string;
  ident(name: string): string;
  table(name: string): string;
}

const SYNTAX: Record<SqlDialect, DialectSyntax> = {
  duckdb: { double: 'DOUBLE', bigint: 'BIGINT', ident: (n) => `"${n}"`, table: (t) => t.split('.').map((p) => `"${p}"`).join('.') },
  spark: { double: 'DOUBLE', bigint: 'BIGINT', ident: (n) => `\`${n}\``, table: (t) => t.split('.').map((p) => `\`${p}\``).join('.') },
  bigquery: { double: 'FLOAT64', bigint: 'INT64', ident: (n) => `\`${n}\``, table: (t) => `\`${t}\`` },
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TABLE = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*){0,2}$/;

/** The settings row's text: `settings;classes=3;input=probs;…`, read back by sumsFromCells. */
export function settingsPart(s: { classes: number; input: InputKind; unit: InfoUnit; binning: Binning; bins: number; clip?: number; classNames?: string[] }): string {
  const names = s.classNames === undefined ? '' : `;classNames=${s.classNames.join('|')}`;
  return `settings;classes=${s.classes};input=${s.input};unit=${s.unit};binning=${s.binning};bins=${s.bins};clip=${s.clip ?? 'none'}${names}`;
}

/** The query, for the request's engine. */
export function evalSql(request: EvalSqlRequest): string {
  const { dialect, predColumns, labelColumn, weightColumn, input, bins: M, binning, clip } = request;
  const x = SYNTAX[dialect];
  if (x === undefined) throw new XentError(`unknown SQL engine '${String(dialect)}', expected ${SQL_DIALECTS.join(', ')}`, { field: 'sql' });
  if (!TABLE.test(request.table)) throw new XentError(`table '${request.table}' is not a name (letters, digits, _ and -, up to two dots)`, { field: 'table' });
  for (const name of [...predColumns, labelColumn, ...(weightColumn === undefined ? [] : [weightColumn])]) {
    if (!IDENTIFIER.test(name)) throw new XentError(`column '${name}' is not a plain name (letters, digits and _)`, { field: 'columns' });
  }
  if (predColumns.length === 0) throw new XentError('no prediction columns', { field: 'pred-columns' });
  if (new Set(predColumns).size !== predColumns.length) throw new XentError('a prediction column is named twice', { field: 'pred-columns' });
  if (!Number.isInteger(M) || M < 1 || M > MAX_BINS) throw new XentError(`bins must be a whole number from 1 to ${MAX_BINS}, got ${M}`, { field: 'bins' });
  const width = predColumns.length;
  if (width === 1 && input === 'log-probs') throw new XentError('a single column of log-probabilities is not supported in SQL; give probs or logits', { field: 'input' });
  const K = Math.max(2, width);
  checkClassBins(K, M);
  const D = x.double;
  const I = x.bigint;
  const dbl = (v: number) => {
    const text = String(v);
    return /[.e]/.test(text) ? text : `${text}.0`;
  };
  const cls = Array.from({ length: K }, (_, k) => k);
  const cols = Array.from({ length: width }, (_, k) => k);
  const sumOf = (terms: string[]) => terms.join(' + ');
  const isLabel = (k: number) => `CASE WHEN y = ${k} THEN 1.0 ELSE 0.0 END`;
  const pick = (f: (k: number) => string) => `CASE ${cls.map((k) => `WHEN y = ${k} THEN ${f(k)}`).join(' ')} END`;
  // Bin b of x among M equal-width bins: ⌈x·M⌉ − 1, clamped, then corrected against the edges b/M as uniformBinOf does.
  const rawBin = (v: string, bins: number) => `CAST(CEIL(${v} * ${bins}) AS ${I}) - 1`;
  const fixBin = (v: string, b0: string, bins: number) =>
    `CASE WHEN ${b0} < 0 THEN 0 WHEN ${b0} > ${bins - 1} THEN ${bins - 1} WHEN ${b0} > 0 AND ${v} <= CAST(${b0} AS ${D}) / ${bins} THEN ${b0} - 1 WHEN ${b0} < ${bins - 1} AND ${v} > CAST(${b0} + 1 AS ${D}) / ${bins} THEN ${b0} + 1 ELSE ${b0} END`;

  const source = [
    ...cols.map((k) => `CAST(${x.ident(predColumns[k])} AS ${D}) AS s${k}`),
    `CAST(${x.ident(labelColumn)} AS ${D}) AS y`,
    weightColumn === undefined ? `CAST(1.0 AS ${D}) AS w` : `CAST(${x.ident(weightColumn)} AS ${D}) AS w`,
  ];
  const notNull = [...cols.map((k) => `s${k} IS NOT NULL`), 'y IS NOT NULL', 'w IS NOT NULL'];
  const labelOk = `y = FLOOR(y) AND y >= 0 AND y < ${K}`;
  const weightOk = 'w >= 0';
  let valuesOk: string;
  if (input === 'probs') {
    const inRange = cols.map((k) => (width === 1 ? `s${k} >= 0 AND s${k} <= 1` : `s${k} >= 0`));
    valuesOk = width === 1 ? inRange.join(' AND ') : `${inRange.join(' AND ')} AND ABS(${sumOf(cols.map((k) => `s${k}`))} - 1) <= ${SUM_TOLERANCE}`;
  } else if (input === 'log-probs') {
    valuesOk = `ABS(${sumOf(cols.map((k) => `EXP(s${k})`))} - 1) <= ${SUM_TOLERANCE}`;
  } else {
    // NaN is the one logit that cannot be scored: it is not equal to itself.
    valuesOk = cols.map((k) => `s${k} = s${k}`).join(' AND ');
  }

  // Probabilities p_k, log p_y (NULL when p_y = 0) and |Σp − 1|, per input kind.
  let probabilities: string;
  if (width === 1) {
    if (input === 'probs') {
      probabilities = `SELECT y, w, 1 - s0 AS p0, s0 AS p1, CASE WHEN y = 1 THEN (CASE WHEN s0 > 0 THEN LN(s0) END) ELSE (CASE WHEN s0 < 1 THEN LN(1 - s0) END) END AS lpy, 0.0 AS sumerr FROM checked WHERE ok = 1`;
    } else {
      // log σ(v) = −(max(−v, 0) + ln(1 + e^{−|v|})), stable for any logit.
      const logSigmoid = (v: string) => `-(GREATEST(-(${v}), 0) + LN(1 + EXP(-ABS(${v}))))`;
      probabilities = `SELECT y, w, EXP(${logSigmoid('-s0')}) AS p0, EXP(${logSigmoid('s0')}) AS p1, CASE WHEN y = 1 THEN ${logSigmoid('s0')} ELSE ${logSigmoid('-s0')} END AS lpy, 0.0 AS sumerr FROM checked WHERE ok = 1`;
    }
  } else if (input === 'probs') {
    probabilities = `SELECT y, w, ${cols.map((k) => `s${k} AS p${k}`).join(', ')}, ${pick((k) => `(CASE WHEN s${k} > 0 THEN LN(s${k}) END)`)} AS lpy, ABS(${sumOf(cols.map((k) => `s${k}`))} - 1) AS sumerr FROM checked WHERE ok = 1`;
  } else if (input === 'log-probs') {
    probabilities = `SELECT y, w, ${cols.map((k) => `EXP(s${k}) AS p${k}`).join(', ')}, ${pick((k) => `s${k}`)} AS lpy, ABS(${sumOf(cols.map((k) => `EXP(s${k})`))} - 1) AS sumerr FROM checked WHERE ok = 1`;
  } else {
    // log-softmax about the row's largest logit.
    const lse = `mx + LN(${sumOf(cols.map((k) => `EXP(s${k} - mx)`))})`;
    probabilities = `SELECT y, w, ${cols.map((k) => `EXP(s${k} - lse) AS p${k}`).join(', ')}, ${pick((k) => `s${k} - lse`)} AS lpy, 0.0 AS sumerr FROM (SELECT *, ${lse} AS lse FROM (SELECT *, GREATEST(${cols.map((k) => `s${k}`).join(', ')}) AS mx FROM checked WHERE ok = 1) AS shifted) AS normalized`;
  }

  const lnClip = clip === undefined ? undefined : Math.log(clip);
  const clipped = lnClip === undefined ? '0' : `CASE WHEN lpy IS NULL OR lpy < ${dbl(lnClip)} THEN 1 ELSE 0 END`;
  const loss = lnClip === undefined ? '-lpy' : `CASE WHEN lpy IS NULL OR lpy < ${dbl(lnClip)} THEN ${dbl(-lnClip)} ELSE -lpy END`;
  const top = `CASE ${cls.map((k) => `WHEN p${k} = conf THEN ${k}`).join(' ')} END`;
  // With two classes the score is class 1's alone (scikit-learn's brier_score_loss), as BrierScore.ts.
  const brier = K === 2 ? `(p1 - ${isLabel(1)}) * (p1 - ${isLabel(1)})` : sumOf(cls.map((k) => `(p${k} - ${isLabel(k)}) * (p${k} - ${isLabel(k)})`));
  const squares = sumOf(cls.map((k) => `p${k} * p${k}`));
  // The equal-mass grid's cell: ⌈(logit c + L)·F/2L⌉ − 1, clamped (equalMassGridEdges); c = 0 and c = 1 go to the end cells.
  const F = EQUAL_MASS_GRID;
  const L = EQUAL_MASS_GRID_LOGIT;
  const gridCell = `CASE WHEN conf <= 0 THEN 0 WHEN conf >= 1 THEN ${F - 1} ELSE LEAST(${F - 1}, GREATEST(0, CAST(CEIL((LN(conf) - LN(1 - conf) + ${L}) * ${F / (2 * L)}) AS ${I}) - 1)) END`;
  const topBin = binning === 'uniform' ? fixBin('conf', 'b0', M) : 'b0';
  const G = SMOOTH_ECE_GRID;

  const ctes = [
    `source AS (SELECT ${source.join(', ')} FROM ${x.table(request.table)})`,
    `checked AS (SELECT *, CASE WHEN ${notNull.join(' AND ')} AND ${labelOk} AND ${weightOk} AND ${valuesOk} THEN 1 ELSE 0 END AS ok FROM source)`,
    `probs AS (${probabilities})`,
    `tops AS (SELECT *, GREATEST(${cls.map((k) => `p${k}`).join(', ')}) AS conf FROM probs)`,
    `scored AS (SELECT *, CASE WHEN ${top} = y THEN 1.0 ELSE 0.0 END AS rgt, ${loss} AS loss, ${clipped} AS clipped, ${brier} AS brier, w * ${pick((k) => `p${k}`)} / SQRT(${squares}) AS wsph, ${binning === 'uniform' ? rawBin('conf', M) : gridCell} AS b0, ${cls.map((k) => `${rawBin(`p${k}`, M)} AS c${k}b0`).join(', ')}, LEAST(${G - 1}, GREATEST(0, CAST(FLOOR(conf * ${G}) AS ${I}))) AS node FROM tops)`,
    `binned AS (SELECT *, ${topBin} AS b, ${cls.map((k) => `${fixBin(`p${k}`, `c${k}b0`, M)} AS c${k}b`).join(', ')}, conf * ${G} - CAST(node AS ${D}) AS lam, w * (rgt - conf) AS res FROM scored)`,
    `totals AS (SELECT COUNT(*) AS n, SUM(w) AS sw, MAX(sumerr) AS sumerr, SUM(clipped) AS clipped, SUM(CASE WHEN w > 0 AND loss IS NULL THEN 1 ELSE 0 END) AS inf, SUM(CASE WHEN w > 0 AND loss IS NOT NULL THEN 1 ELSE 0 END) AS fin, ` +
      `SUM(CASE WHEN w > 0 AND loss IS NOT NULL THEN w ELSE 0.0 END) AS m0, SUM(CASE WHEN w > 0 AND loss IS NOT NULL THEN w * loss ELSE 0.0 END) AS m1, SUM(CASE WHEN w > 0 AND loss IS NOT NULL THEN w * w ELSE 0.0 END) AS m3, ` +
      `SUM(CASE WHEN w > 0 AND loss IS NOT NULL THEN w * w * loss ELSE 0.0 END) AS m4, SUM(CASE WHEN w > 0 AND loss IS NOT NULL THEN w * w * loss * loss ELSE 0.0 END) AS m5, SUM(w * rgt) AS ar, SUM(w * brier) AS br, SUM(wsph) AS sp FROM binned)`,
    `invalid AS (SELECT COUNT(*) AS n FROM checked WHERE ok = 0)`,
    `toplabel AS (SELECT b, COUNT(*) AS n, SUM(w) AS sw, SUM(w * conf) AS sc, SUM(w * rgt) AS sr, SUM(w * (rgt - conf)) AS sg, SUM(w * w) AS sw2 FROM binned GROUP BY b)`,
    `classcells AS (${cls.map((k) => `SELECT ${k * M} + c${k}b AS cell, w, p${k} AS p, ${isLabel(k)} AS o FROM binned`).join(' UNION ALL ')})`,
    `classwise AS (SELECT cell, SUM(w) AS sw, SUM(w * p) AS sp, SUM(w * o) AS so FROM classcells GROUP BY cell)`,
    `nodes AS (SELECT node, (1 - lam) * res AS v FROM binned UNION ALL SELECT node + 1 AS node, lam * res AS v FROM binned)`,
    `smooth AS (SELECT node, SUM(v) AS v FROM nodes GROUP BY node)`,
    // AURC's cells (RiskCoverage.ts): ⌊c·2^14⌋, c = 1 in a cell of its own; rows of weight 0 add nothing there.
    `riskcells AS (SELECT LEAST(${RISK_COVERAGE_GRID}, GREATEST(0, CAST(FLOOR(conf * ${RISK_COVERAGE_GRID}) AS ${I}))) AS rc, SUM(w) AS sw, SUM(w * (1 - rgt)) AS sx, MIN(conf) AS lo, MAX(conf) AS hi FROM binned WHERE w > 0 GROUP BY 1)`,
  ];
  const row = (part: string, cell: string, value: string, from: string) => `SELECT '${part}' AS part, CAST(${cell} AS ${I}) AS cell, CAST(COALESCE(${value}, 0) AS ${D}) AS value FROM ${from}`;
  const classNames = width >= 2 ? predColumns : undefined;
  const settings = settingsPart({ classes: K, input, unit: request.unit, binning, bins: M, clip, classNames });
  const parts = [
    row(settings, '0', '0', 'invalid'),
    row('invalidRows', '0', 'n', 'invalid'),
    row('rows', '0', 'n', 'totals'),
    row('weight', '0', 'sw', 'totals'),
    row('largestRowSumError', '0', 'sumerr', 'totals'),
    row('logLoss.clippedRows', '0', 'clipped', 'totals'),
    row('logLoss.infiniteRows', '0', 'inf', 'totals'),
    row('logLoss.finiteRows', '0', 'fin', 'totals'),
    ...[
      ['0', 'm0'],
      ['1', 'm1'],
      ['2', 'm1'],
      ['3', 'm3'],
      ['4', 'm4'],
      ['5', 'm5'],
    ].map(([cell, v]) => row('logLoss.moments', cell, v, 'totals')),
    row('topLabel.allRight', '0', 'ar', 'totals'),
    row('brier.squaredError', '0', 'br', 'totals'),
    row('spherical.score', '0', 'sp', 'totals'),
    row('topLabel.rows', 'b', 'n', 'toplabel'),
    row('topLabel.weight', 'b', 'sw', 'toplabel'),
    row('topLabel.confidence', 'b', 'sc', 'toplabel'),
    row('topLabel.right', 'b', 'sr', 'toplabel'),
    row('topLabel.gap', 'b', 'sg', 'toplabel'),
    row('topLabel.weightSquares', 'b', 'sw2', 'toplabel'),
    row('classwise.weight', 'cell', 'sw', 'classwise'),
    row('classwise.probability', 'cell', 'sp', 'classwise'),
    row('classwise.outcome', 'cell', 'so', 'classwise'),
    row('smooth.residual', 'node', 'v', 'smooth'),
    row('riskCoverage.weight', 'rc', 'sw', 'riskcells'),
    row('riskCoverage.wrong', 'rc', 'sx', 'riskcells'),
    row('riskCoverage.least', 'rc', 'lo', 'riskcells'),
    row('riskCoverage.greatest', 'rc', 'hi', 'riskcells'),
  ];
  return `-- xent eval: the table of sums of ${request.table} (${dialect}); save the result as CSV, JSON or Parquet for xent eval --from-stats\nWITH\n${ctes.map((c) => `  ${c}`).join(',\n')}\nSELECT part, cell, value FROM (\n${parts.map((p) => `  ${p}`).join('\n  UNION ALL\n')}\n) AS sums\nORDER BY part, cell\n`;
}
