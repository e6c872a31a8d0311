import type { HighHarmDefinition, HighHarmVerdict, IntelFlag, OffenceCategory } from '../../protocol/index.js';

export interface HighHarmRuleSet {
  version: number;
  definition: HighHarmDefinition;
  publishedAt: number;
  publishedBy: string;
  reason: string;
}

export interface HighHarmFacts {
  offenceCategory: OffenceCategory;
  intelFlags: readonly IntelFlag[];
  priorOffences: number;
}

/** Before any rule set is published, nothing is High Harm and the version is 0. */
export const NO_VERDICT: HighHarmVerdict = { highHarm: false, rule: null, version: 0 };

/**
 * Recommendation 5: one national definition, with regional additions. The national rules are
 * tried first, so a case is High Harm for the same national reason everywhere.
 */
export function evaluateHighHarm(ruleSet: HighHarmRuleSet | null, facts: HighHarmFacts, region: string): HighHarmVerdict {
  if (!ruleSet) return NO_VERDICT;
  const { national, regional } = ruleSet.definition;
  const version = ruleSet.version;
  const verdict = (rule: string): HighHarmVerdict => ({ highHarm: true, rule, version });
  if (national.offenceCategories.includes(facts.offenceCategory)) return verdict(`national: offence ${facts.offenceCategory}`);
  const flag = facts.intelFlags.find((f) => national.intelFlags.includes(f));
  if (flag) return verdict(`national: intelligence ${flag}`);
  if (facts.priorOffences >= national.repeatThreshold) return verdict(`national: ${national.repeatThreshold}+ prior offences`);
  const local = regional[region];
  if (local) {
    if (local.offenceCategories.includes(facts.offenceCategory)) return verdict(`${region}: offence ${facts.offenceCategory}`);
    const localFlag = facts.intelFlags.find((f) => local.intelFlags.includes(f));
    if (localFlag) return verdict(`${region}: intelligence ${localFlag}`);
    if (local.repeatThreshold !== null && facts.priorOffences >= local.repeatThreshold)
      return verdict(`${region}: ${local.repeatThreshold}+ prior offences`);
  }
  return { highHarm: false, rule: null, version };
}

/**
 * Where a proposed definition contradicts the national one: regions may add, and may lower the
 * repeat threshold down to the floor, but never loosen it or name an unknown region.
 */
export function highHarmContradictions(definition: HighHarmDefinition, knownRegions: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const { national, regionalRepeatFloor, regional } = definition;
  if (regionalRepeatFloor > national.repeatThreshold)
    problems.push(`the regional floor (${regionalRepeatFloor}) is above the national repeat threshold (${national.repeatThreshold})`);
  for (const [region, additions] of Object.entries(regional)) {
    if (!knownRegions.has(region)) problems.push(`"${region}" is not a known region`);
    const t = additions.repeatThreshold;
    if (t !== null && t > national.repeatThreshold)
      problems.push(`${region}: repeat threshold ${t} is looser than the national ${national.repeatThreshold}`);
    if (t !== null && t < regionalRepeatFloor)
      problems.push(`${region}: repeat threshold ${t} is below the floor of ${regionalRepeatFloor}`);
  }
  return problems;
}
