export * from './schema.js';
export { computeScoreRanges, scoreRanges, questionBounds, normalizedScores, weightedScore, type ScoreRange, type Bounds } from './score-ranges.js';
export { validateAssessmentTemplate, type AssessmentError, type AssessmentErrorCode } from './validate.js';
export { scoreAssessment, type AssessmentAnswer, type AssessmentOutcome, type QuestionScore, type AnswerError, type AnswerErrorCode } from './score.js';
export { decideTemplateCommand, isTextualEdit, copyTemplate, isAvailableForAssessments, type TemplateCommand, type TemplateDecision } from './status.js';
export { structuralChanges, type StructuralChange } from './edits.js';
