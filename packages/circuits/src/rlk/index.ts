export { RLK_DOMAINS, RLK2_DOMAINS, rlkLayout, renderRlkParamsNr, type RlkLayout, type RlkRound, type Slot } from './layout.js';
export { buildRlkInputs, rlkCommitments, rlkCrpCommitment, rlkShareCommitment, rlkRelation, combinedQuotient, shiftRns, type RlkStatement, type RlkWitness, type RlkPublic } from './witness.js';
export { buildRlk2Inputs, rlkAggregateCommitment, rlk2ShareCommitment, type Rlk2Statement, type Rlk2Witness, type Rlk2Public } from './round2.js';
export { RlkContributionCircuit, RlkRound2Circuit, RLK_PACKAGE, RLK2_PACKAGE, rlkPublicList, rlk2PublicList } from './circuit.js';
