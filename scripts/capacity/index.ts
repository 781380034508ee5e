import { INPUTS } from './inputs';
import { capacityTable } from './model';

/** `npm run capacity`: prints the table of docs/capacity.md from scripts/capacity/inputs.ts, and the inputs' sources. */
console.log(capacityTable(INPUTS));
console.log('\nInputs:');
for (const [name, input] of Object.entries(INPUTS)) console.log(`- ${name} = ${input.value.toLocaleString('en-AU')}: ${input.source}`);
