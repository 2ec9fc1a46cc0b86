const TEXT = {
  ja: {
    heading: 'コンシェルジュの会話記録',
    intro:
      '質問は個人情報を伏せた形で保存しています。検索したパッセージとスコア、引用、回答方式、応答時間を確認できます。',
    forbidden: 'この記録は、コンシェルジュを管理する職員（concierge-editor）だけが見られます。',
    failed: '記録を読み込めませんでした。',
    empty: 'まだ会話はありません。',
    conversation: (trace) =>
      `${trace.createdAt} — ${trace.askedBy} — トークン ${trace.promptTokens}+${trace.completionTokens}、費用 ${trace.cost}`,
    turn: (turn) =>
      `${turn.status} / ${turn.mode}${turn.model ? ` (${turn.model})` : ''} / ${turn.language.requested}→${turn.language.answered ?? '-'} / ${turn.latencyMs ?? '-'} ms${turn.fallbackReason ? ` / 代替: ${turn.fallbackReason}` : ''}`,
    retrieved: '検索したパッセージ（網羅度 / 検索スコア）',
    agent: (turn) => `エージェント: ${turn.agent}`,
    declined: (turn) => `回答しなかった理由: ${turn.declinedReason}`,
    toolCalls: '呼び出したアクション（入力と結果は個人情報を伏せています）',
    toolCall: (call) =>
      `${call.name} — ${call.status}${call.code ? ` (${call.code})` : ''} — 入力 ${call.input} — 結果 ${call.output ?? '-'}`,
    cited: '引用',
    helpful: { true: '住民の評価: 役に立った', false: '住民の評価: 役に立たなかった', null: '住民の評価: なし' },
    status: '回答の状態',
    any: 'すべて',
    notHelpful: '「役に立たなかった」と評価された会話だけ',
    agentFilter: 'エージェント名（空ならすべて）',
    filter: '絞り込む',
    previous: '前のページ',
    next: '次のページ',
  },
  en: {
    heading: 'Concierge traces',
    intro:
      'Questions are stored with personal data masked. Each turn shows the passages retrieved with their scores, the citations, the mode and the latency.',
    forbidden: 'Only the staff who manage the concierge (concierge-editor) may read these traces.',
    failed: 'The traces could not be loaded.',
    empty: 'No conversations yet.',
    conversation: (trace) =>
      `${trace.createdAt} — ${trace.askedBy} — tokens ${trace.promptTokens}+${trace.completionTokens}, cost ${trace.cost}`,
    turn: (turn) =>
      `${turn.status} / ${turn.mode}${turn.model ? ` (${turn.model})` : ''} / ${turn.language.requested}→${turn.language.answered ?? '-'} / ${turn.latencyMs ?? '-'} ms${turn.fallbackReason ? ` / fallback: ${turn.fallbackReason}` : ''}`,
    retrieved: 'Passages retrieved (coverage / search score)',
    agent: (turn) => `Agent: ${turn.agent}`,
    declined: (turn) => `Not answered because: ${turn.declinedReason}`,
    toolCalls: 'Actions called (inputs and results with personal data masked)',
    toolCall: (call) =>
      `${call.name} — ${call.status}${call.code ? ` (${call.code})` : ''} — input ${call.input} — result ${call.output ?? '-'}`,
    cited: 'cited',
    helpful: { true: 'Rated: helped', false: 'Rated: did not help', null: 'Not rated' },
    status: 'Answer status',
    any: 'Any',
    notHelpful: 'Only conversations rated "did not help"',
    agentFilter: 'Agent name (empty: all)',
    filter: 'Filter',
    previous: 'Previous page',
    next: 'Next page',
  },
};

function el(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}

/**
 * The staff page listing the latest concierge conversations with the trace of each turn.
 * The server decides who may read them (403 otherwise); everything is set as text.
 */
export class ConciergeTraces extends HTMLElement {
  #language = 'ja';
  #state = { kind: 'loading' };
  #query = { offset: 0, status: '', notHelpful: false, agent: '' };

  set language(value) {
    this.#language = value;
    if (this.isConnected) this.#render();
  }

  get language() {
    return this.#language;
  }

  connectedCallback() {
    this.#load();
  }

  async #load() {
    this.#render();
    const { offset, status, notHelpful, agent } = this.#query;
    const params = new URLSearchParams({ offset: String(offset) });
    if (status) params.set('status', status);
    if (notHelpful) params.set('notHelpful', 'true');
    if (agent) params.set('agent', agent);
    try {
      const response = await fetch(`/api/plugins/ai-concierge/traces?${params}`, { credentials: 'same-origin' });
      const body = response.ok ? await response.json() : null;
      this.#state = body
        ? { kind: 'loaded', conversations: body.conversations, limit: body.limit, more: body.more }
        : { kind: response.status === 403 ? 'forbidden' : 'failed' };
    } catch {
      this.#state = { kind: 'failed' };
    }
    this.#render();
  }

  #render() {
    const t = TEXT[this.#language] ?? TEXT.ja;
    const body = [];
    if (this.#state.kind === 'forbidden') body.push(el('p', { role: 'alert', textContent: t.forbidden }));
    if (this.#state.kind === 'failed') body.push(el('p', { role: 'alert', textContent: t.failed }));
    if (this.#state.kind === 'loaded') {
      const { conversations } = this.#state;
      body.push(this.#filters(t));
      body.push(
        conversations.length === 0
          ? el('p', { textContent: t.empty })
          : el(
              'ol',
              {},
              conversations.map((trace) => this.#conversation(trace, t)),
            ),
        this.#pages(t),
      );
    }
    this.replaceChildren(el('h2', { textContent: t.heading }), el('p', { textContent: t.intro }), ...body);
  }

  #filters(t) {
    const status = el('select', { id: 'ai-concierge-traces-status' }, [
      el('option', { value: '', textContent: t.any }),
      ...['answered', 'declined', 'refused', 'unavailable'].map((value) => el('option', { value, textContent: value })),
    ]);
    status.value = this.#query.status;
    const notHelpful = el('input', { type: 'checkbox', id: 'ai-concierge-traces-not-helpful' });
    notHelpful.checked = this.#query.notHelpful;
    const agent = el('input', { type: 'text', id: 'ai-concierge-traces-agent', value: this.#query.agent });
    const form = el('form', {}, [
      el('label', { htmlFor: agent.id, textContent: t.agentFilter }),
      agent,
      el('label', { htmlFor: status.id, textContent: t.status }),
      status,
      notHelpful,
      el('label', { htmlFor: notHelpful.id, textContent: t.notHelpful }),
      el('button', { type: 'submit', textContent: t.filter }),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#query = { offset: 0, status: status.value, notHelpful: notHelpful.checked, agent: agent.value.trim() };
      this.#load();
    });
    return form;
  }

  #pages(t) {
    const { limit, more } = this.#state;
    const move = (offset) => {
      this.#query = { ...this.#query, offset };
      this.#load();
    };
    const previous = el('button', { type: 'button', textContent: t.previous, disabled: this.#query.offset === 0 });
    previous.addEventListener('click', () => move(Math.max(0, this.#query.offset - limit)));
    const next = el('button', { type: 'button', textContent: t.next, disabled: !more });
    next.addEventListener('click', () => move(this.#query.offset + limit));
    return el('nav', { ariaLabel: t.heading }, [previous, next]);
  }

  #conversation(trace, t) {
    return el('li', {}, [
      el('h3', { textContent: t.conversation(trace) }),
      el(
        'ol',
        {},
        trace.turns.map((turn) =>
          el('li', {}, [
            el('p', { textContent: turn.maskedQuestion }),
            el('p', { textContent: t.turn(turn) }),
            el('p', { className: 'helpful', textContent: t.helpful[String(turn.helpful ?? null)] }),
            ...(turn.agent ? [el('p', { className: 'agent', textContent: t.agent(turn) })] : []),
            ...(turn.declinedReason ? [el('p', { textContent: t.declined(turn) })] : []),
            ...(turn.toolCalls?.length
              ? [
                  el('p', { textContent: t.toolCalls }),
                  el(
                    'ul',
                    { className: 'tool-calls' },
                    turn.toolCalls.map((call) => el('li', { textContent: t.toolCall(call) })),
                  ),
                ]
              : []),
            el('p', { textContent: t.retrieved }),
            el(
              'ul',
              {},
              turn.retrieved.map((passage) =>
                el('li', {
                  textContent: `${passage.title} — ${passage.score} / ${passage.searchScore ?? '-'}${turn.cited.includes(passage.id) ? ` — ${t.cited}` : ''}`,
                }),
              ),
            ),
          ]),
        ),
      ),
    ]);
  }
}
