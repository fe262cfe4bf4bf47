import { startRig, defaultScenarios } from './e2e/harness.js';
const rig = await startRig();
const sc = defaultScenarios().filter(s => /state-echoed-special|path-suffix|code-single/.test(s.scenario.id));
for (let i = 0; i < 2; i++) for (const s of sc) {
  const t = Date.now(); const r = await rig.run([s], 'rfc9700', 1); console.log(s.scenario.id, r.get(s.scenario.id)!.verdict, Date.now() - t);
}
await rig.close();
