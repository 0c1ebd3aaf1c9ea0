export { RLK_DOMAINS, rlkLayout, renderRlkParamsNr, type RlkLayout, type Slot } from './layout.js';
export { buildRlkInputs, rlkCommitments, type RlkStatement, type RlkWitness, type RlkPublic } from './witness.js';
export { RlkContributionCircuit, RLK_PACKAGE, rlkPublicList } from './circuit.js';
