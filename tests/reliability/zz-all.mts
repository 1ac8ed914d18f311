import { BAD_INPUTS, makeFixture, runBadInputs } from './badInputs.ts';
(async () => {
  const r = await runBadInputs(BAD_INPUTS, await makeFixture());
  console.log(r.filter((x) => !x.ok).map((x) => x.name + ': ' + x.problems.join('|')).join('\n') || 'all ok');
})();
