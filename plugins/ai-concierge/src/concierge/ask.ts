import type { Actor, PluginContext } from '@kiban/sdk';
import type { ToolCallTrace } from '../agents/agent-tools.ts';
import { withFurigana } from '../answer/easy-japanese.ts';
import { type CitedPassage, type ComposedAnswer, extractiveAnswer, PART_SEPARATOR } from '../answer/extractive.ts';
import { type ModelAnswer, modelAnswer } from '../answer/model-answer.ts';
import { unsupportedNumbers } from '../answer/numbers.ts';
import { CONTACT_CENTER } from '../handoff/contact-center.ts';
import { asksForPerson } from '../handoff/person-request.ts';
import { type ChatModel, ModelUnavailable, type TokenUsage } from '../llm/chat-model.ts';
import { anonymise } from '../privacy/anonymise.ts';
import { PLACEHOLDERS } from '../privacy/patterns.ts';
import type { KnowledgeRetrieval, Passage } from '../retrieval/retrieval.ts';
import { type ConciergeSettings, configuredModel, DEFAULTS } from '../settings.ts';
import { actorKey, type ConversationTotals, openConversation, recordTurn } from './conversations.ts';
import { rateLimited } from './errors.ts';
import { type Language, messageLanguage } from './languages.ts';
import { declineText, noKnowledgeText, personalRecordsText, personRequestedText } from './messages.ts';
import { asksForPersonalRecords } from './personal-questions.ts';
import { overRateLimit } from './rate-limit.ts';

export interface AskInput {
  message: string;
  conversationId?: string;
  language?: Language;
  /** A published agent to answer with (see `askDependencies`). */
  agent?: string;
}

export interface Citation {
  marker: number;
  id: string;
  /** The city's own id of the cited record (an FAQ number), when it has one. */
  sourceId?: string;
  title: string;
  passage: string;
  url?: string;
  score: number;
}

export interface ConciergeAnswer {
  conversationId: string;
  /**
   * `answered` from cited passages; `declined` (nothing good enough, a person offered);
   * `refused` (personal records); `unavailable` (no knowledge source runs here, a person offered).
   */
  status: 'answered' | 'declined' | 'refused' | 'unavailable';
  /** Who wrote the text: the configured model, or the extractive answerer quoting passages. */
  mode: 'model' | 'extractive';
  answer: string;
  /**
   * The language asked for and the one the answer is in: a quote of the city's Japanese
   * knowledge stays Japanese (`ja`, or `ja-x-easy` with readings added), whatever was asked.
   */
  language: { requested: Language; answered: Language };
  citations: Citation[];
  /** Every number in the answer appears in a cited passage (checked before the answer is returned). */
  numbersSupported: boolean;
  /** Why the model's answer was not used, when a model is configured and the extractive answer stands in. */
  fallback?: { reason: 'timeout' | 'error' | 'garbage'; message: string };
  model?: string;
  usage: TokenUsage;
  /**
   * Present when the concierge offers a person (it declined, has no knowledge, or was asked for
   * one): whether the contact centre runs here, so `ai-concierge.handoff` can connect them.
   */
  handoff?: { available: boolean };
  conversation: ConversationTotals;
  /** The agent that answered, when one was chosen. */
  agent?: string;
}

export interface AskDependencies {
  ctx: PluginContext;
  /** The knowledge to answer from; null when no knowledge source runs in this environment. */
  retrieval: KnowledgeRetrieval | null;
  settings: ConciergeSettings;
  /** The model to use; from the settings when absent. */
  model?: ChatModel | null;
  /**
   * False for an evaluation run or an operator's suggestion: no rate limit, no conversation,
   * nothing stored. The answer is composed exactly as for a resident.
   */
  record?: boolean;
  /**
   * Told each piece of the answer as it is written — the model's text as it arrives, or the
   * extractive answer passage by passage — before the number check: provisional until the
   * answer is returned, which may differ (a decline, or the extractive answer standing in).
   */
  onDelta?: (text: string) => void;
  /** Told that the text streamed so far is withdrawn (the model failed; the extractive answer follows). */
  onRestart?: () => void;
  /** The agent this turn runs: named in the trace with the actions its model called. */
  agent?: { name: string; toolCalls: () => ToolCallTrace[]; write: ModelWriter };
}

/** Writes the model's answer from the passages: `modelAnswer`, or an agent's with its tools. */
export type ModelWriter = (
  model: ChatModel,
  maskedQuestion: string,
  passages: Passage[],
  language: Language,
  onDelta: (text: string) => void,
) => Promise<ModelAnswer>;

/** Why a turn was not answered from a passage, for the trace. */
export type DeclinedReason =
  | 'personalRecords'
  | 'personRequested'
  | 'noKnowledgeSource'
  | 'nothingGoodEnough'
  | 'unsupportedNumbers';

const PASSAGES_SEARCHED = 5;
const PASSAGES_FOR_MODEL = 3;
const NO_USAGE: TokenUsage = { promptTokens: 0, completionTokens: 0 };
const PLACEHOLDER_PATTERN = new RegExp(Object.values(PLACEHOLDERS).join('|'), 'gu');

type Composed = Omit<ConciergeAnswer, 'conversationId' | 'conversation'>;

/**
 * One question to the concierge, as `actor`: refused when it asks for someone's records,
 * declined with an offer of a person when the knowledge `actor` may read holds nothing good
 * enough (or when there is no knowledge source), otherwise answered from the best passages —
 * by the model when one is configured and it answers in time with citations and only
 * supported numbers, by the extractive answerer otherwise. Only the masked question ever
 * leaves the process. Each stored turn keeps its trace: the passages retrieved with their
 * scores, those cited, the mode, the language and the latency.
 */
export async function ask(deps: AskDependencies, actor: Actor, input: AskInput): Promise<ConciergeAnswer> {
  const started = performance.now();
  const { ctx, settings } = deps;
  const requested = input.language ?? 'ja';
  const fixed = messageLanguage(requested);
  const record = deps.record ?? true;
  const limit = settings.rateLimit ?? DEFAULTS.rateLimit;
  if (record && (await overRateLimit(ctx, actorKey(actor), limit))) throw rateLimited(limit.perSeconds);
  const conversationId = record ? await openConversation(ctx, actor, input.conversationId) : '';
  const masked = await anonymise(input.message);
  const contact = settings.contact?.[fixed] ?? settings.contact?.ja ?? DEFAULTS.contact[fixed];
  const model = deps.model === undefined ? configuredModel(settings) : deps.model;
  let retrieved: Passage[] = [];

  const finish = async (result: Composed, declinedReason?: DeclinedReason) => {
    if (!record)
      return {
        conversationId,
        ...result,
        conversation: { id: '', turns: 0, promptTokens: 0, completionTokens: 0, cost: 0 },
      };
    const cost =
      (result.usage.promptTokens * (settings.inputPricePerMillion ?? 0) +
        result.usage.completionTokens * (settings.outputPricePerMillion ?? 0)) /
      1e6;
    const conversation = await recordTurn(ctx, conversationId, {
      status: result.status,
      mode: result.mode,
      maskedQuestion: masked.text,
      answer: result.answer,
      cited: result.citations.map((citation) => citation.id),
      fallbackReason: result.fallback?.reason,
      usage: result.usage,
      cost,
      language: result.language,
      retrieved: retrieved.map(({ id, title, score, searchScore }) => ({ id, title, score, searchScore })),
      latencyMs: Math.round(performance.now() - started),
      model: result.model,
      agent: deps.agent?.name,
      toolCalls: deps.agent?.toolCalls() ?? [],
      declinedReason,
    });
    return { conversationId, ...result, conversation, ...(deps.agent ? { agent: deps.agent.name } : {}) };
  };
  // Only a resident's conversation can go to the contact centre (`ai-concierge.handoff`).
  const contactCenter =
    actor.kind === 'principal' && actor.principalKind === 'resident' && ctx.plugins.has(CONTACT_CENTER);
  const notAnswered = (status: 'declined' | 'refused' | 'unavailable', answer: string, reason: DeclinedReason) =>
    finish(
      {
        status,
        mode: 'extractive',
        answer,
        language: { requested, answered: fixed },
        citations: [],
        numbersSupported: true,
        usage: NO_USAGE,
        ...(status === 'refused' ? {} : { handoff: { available: contactCenter } }),
      },
      reason,
    );

  if (asksForPersonalRecords(masked.text))
    return notAnswered('refused', personalRecordsText(fixed, contact), 'personalRecords');
  if (asksForPerson(masked.text))
    return notAnswered('declined', personRequestedText(fixed, contact, contactCenter), 'personRequested');
  if (!deps.retrieval)
    return notAnswered('unavailable', noKnowledgeText(fixed, contact, contactCenter), 'noKnowledgeSource');
  // The search sees the masked question too: the knowledge side may log what it was asked.
  const query = masked.text.replace(PLACEHOLDER_PATTERN, ' ');
  retrieved = await deps.retrieval.search(query, { actor, limit: PASSAGES_SEARCHED });
  const minimum = settings.minimumScore ?? DEFAULTS.minimumScore;
  const good = retrieved.filter((passage) => passage.score >= minimum);
  if (good.length === 0)
    return notAnswered(
      'declined',
      declineText(fixed, contact, retrieved[0]?.department, contactCenter),
      'nothingGoodEnough',
    );

  const extractive = extractiveAnswer(query, good, fixed);
  let composed: ComposedAnswer = extractive;
  // The extractive answerer quotes the city's Japanese, whatever frame it puts around it.
  let answered: Language = 'ja';
  let usage = NO_USAGE;
  let fallback: ConciergeAnswer['fallback'];
  let modelName: string | undefined;
  let support: string[] | undefined;
  let streamed = false;
  const onModelDelta = (text: string) => {
    streamed = true;
    deps.onDelta?.(text);
  };
  if (model) {
    try {
      const write = deps.agent?.write ?? modelAnswer;
      const written = await write(model, masked.text, good.slice(0, PASSAGES_FOR_MODEL), requested, onModelDelta);
      composed = written;
      support = written.support;
      answered = requested;
      usage = written.usage;
      modelName = written.model;
    } catch (error) {
      if (!(error instanceof ModelUnavailable)) throw error;
      ctx.logger.warn('the model did not answer; the extractive answer stands in', { reason: error.reason });
      fallback = { reason: error.reason, message: error.message };
      usage = error.usage ?? NO_USAGE;
    }
  }
  if (!modelName) {
    if (streamed) deps.onRestart?.();
    for (const [index, part] of extractive.parts.entries())
      deps.onDelta?.(index === 0 ? part : `${PART_SEPARATOR}${part}`);
  }
  const citedTexts = composed.cited.map((passage) => `${passage.title} ${passage.text}`);
  if (unsupportedNumbers(composed.text, [...citedTexts, ...(modelName ? (support ?? []) : [])]).length > 0) {
    return notAnswered(
      'declined',
      declineText(fixed, contact, good[0]?.department, contactCenter),
      'unsupportedNumbers',
    );
  }
  let text = composed.text;
  if (requested === 'ja-x-easy' && !modelName) {
    text = await withFurigana(text);
    answered = 'ja-x-easy';
  }
  return finish({
    status: 'answered',
    mode: modelName ? 'model' : 'extractive',
    answer: text,
    language: { requested, answered },
    citations: composed.cited.map(toCitation),
    numbersSupported: true,
    fallback,
    model: modelName,
    usage,
  });
}

function toCitation(passage: CitedPassage): Citation {
  return {
    marker: passage.marker,
    id: passage.id,
    sourceId: passage.sourceId,
    title: passage.title,
    passage: passage.text,
    url: passage.url,
    score: passage.score,
  };
}

export type { Passage };
