import type { EditorLanguage } from '../errors.ts';

const JA = {
  heading: 'エージェント',
  instructionsJa: 'モデルへの指示（日本語）',
  instructionsEn: 'モデルへの指示（英語）',
  instructionsNote:
    '市の決まり（資料だけで答える、引用する、資料にない数字を書かない）の後に渡され、それを変えることはできません。',
  knowledge: '使う知識',
  kinds: { faq: 'よくある質問', benefit: '給付・制度', article: '記事・マニュアル' },
  classifications: '区分（選ばなければ、利用者が読めるものすべて）',
  classification: { public: '公開', staff: '職員向け', confidential: '秘' },
  answerer: '答え方',
  answerers: { extractive: '資料の文を引用する（モデルなし）', model: '設定されたモデルが書く' },
  model: 'モデル名（空なら設定のモデル）',
  tools: '呼び出せるアクション（1 行に 1 つ、<plugin>.<action>）',
  toolsLegend: '呼び出せるアクション',
  otherTools: 'ここで動いていないアクション（1 行に 1 つ、<plugin>.<action>）',
  toolsNote: '利用者本人として呼ばれ、本人に権限がなければ断られます。',
  roles: '使えるロール（選ばなければ、サインインした人すべて）',
  limits: '上限',
  maxToolCalls: 'アクション呼び出しの最大回数',
  maxTokens: '答えの最大トークン数',
  timeoutMs: '1 回の実行の最大時間（ミリ秒）',
};

type AgentEditorText = typeof JA;

const EN: AgentEditorText = {
  heading: 'Agent',
  instructionsJa: 'Instructions to the model (Japanese)',
  instructionsEn: 'Instructions to the model (English)',
  instructionsNote:
    "Given after the city's rules (answer from the passages only, cite them, no number they lack); they cannot change them.",
  knowledge: 'Knowledge',
  kinds: { faq: 'FAQ', benefit: 'Benefits and schemes', article: 'Articles and manuals' },
  classifications: 'Classifications (none chosen: all the person may read)',
  classification: { public: 'Public', staff: 'Staff', confidential: 'Confidential' },
  answerer: 'Answerer',
  answerers: { extractive: 'Quote the passages (no model)', model: 'The configured model writes' },
  model: 'Model name (empty: the configured model)',
  tools: 'Actions it may call (one per line, <plugin>.<action>)',
  toolsLegend: 'Actions it may call',
  otherTools: 'Actions not running here (one per line, <plugin>.<action>)',
  toolsNote: 'Run as the person asking; refused when they lack the permission.',
  roles: 'Roles that may use it (none chosen: anyone signed in)',
  limits: 'Limits',
  maxToolCalls: 'Most action calls',
  maxTokens: 'Most tokens in an answer',
  timeoutMs: 'Longest time for one run (ms)',
};

export function agentEditorText(language: EditorLanguage): AgentEditorText {
  return language === 'en' ? EN : JA;
}
