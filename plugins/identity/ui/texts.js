/** The pages' words, Japanese first; `text(element)` picks the element's language (`lang` or `language`). */
const TEXTS = {
  ja: {
    signInTitle: 'サインイン',
    username: 'ユーザー名',
    password: 'パスワード',
    code: '確認コード（設定している方のみ、6桁）',
    signIn: 'パスワードでサインイン',
    passkey: 'パスキーでサインイン',
    or: 'ほかの方法でサインイン',
    signInFailed: 'サインインできませんでした。入力内容を確かめてください。',
    consentTitle: 'サービスへの情報提供の確認',
    consentLead: (client) => `「${client}」が次の情報の提供を求めています。提供する項目を選んでください。`,
    agree: '選んだ項目を提供して続ける',
    refuse: '提供せずに戻る',
    servicesTitle: '連携中のサービス',
    granted: '提供している情報',
    revoke: '連携を解除',
    none: 'ありません。',
    methodsTitle: 'サインイン方法',
    remove: '削除',
    kinds: { password: 'パスワード', passkey: 'パスキー', upstream: '外部のサインイン' },
    withCode: '（確認コードあり）',
    clientsTitle: '連携サービスの登録',
    name: 'サービス名',
    redirectUri: 'リダイレクトURI',
    attributes: '求めてよい情報',
    register: '登録',
    disable: '停止',
    secretOnce: (id, secret) => `クライアントID ${id} / シークレット ${secret}（この画面でのみ表示されます）`,
    disabled: '停止中',
    securityTitle: 'サインインの設定',
    signInFirst: 'サインインしてから設定してください',
    passwordTitle: 'パスワード',
    currentPassword: '現在のパスワード',
    newPassword: '新しいパスワード（10文字以上）',
    setPassword: 'パスワードを設定',
    changePassword: 'パスワードを変更',
    passwordSaved: 'パスワードを保存しました。',
    totpTitle: '確認コード（二要素認証）',
    totpLead: '認証アプリで6桁の確認コードを作り、パスワードと一緒に入力するようにします。',
    totpNeedsPassword: '確認コードはパスワードの二要素目です。先にパスワードを設定してください。',
    totpStart: '確認コードの設定を始める',
    totpQrAlt: '認証アプリで読み取るQRコード',
    totpKey: '読み取れない場合に入力するキー',
    totpCode: '認証アプリに表示された6桁の確認コード',
    totpConfirm: '確認コードを有効にする',
    totpOn: '確認コードは有効です。',
    recoveryTitle: '復旧コード',
    recoveryLead:
      '認証アプリを使えなくなったときに、確認コードの代わりに1回ずつ使えます。この画面でのみ表示されます。安全な場所に控えてください。',
    passkeyTitle: 'パスキー',
    passkeyLabel: 'パスキーの名前（例: 自分のスマートフォン）',
    passkeyAdd: 'パスキーを追加',
    passkeyDefaultLabel: 'パスキー',
    passkeyAdded: (label) => `パスキー「${label}」を追加しました。`,
    somethingFailed: 'うまくいきませんでした。もう一度お試しください。',
  },
  en: {
    signInTitle: 'Sign in',
    username: 'Username',
    password: 'Password',
    code: 'One-time code (only if you set one up; 6 digits)',
    signIn: 'Sign in with password',
    passkey: 'Sign in with a passkey',
    or: 'Other ways to sign in',
    signInFailed: 'The sign-in failed; check what you entered.',
    consentTitle: 'Sharing your information with a service',
    consentLead: (client) => `"${client}" asks for the following information. Choose what to share.`,
    agree: 'Share the chosen items and continue',
    refuse: 'Go back without sharing',
    servicesTitle: 'Connected services',
    granted: 'Shared information',
    revoke: 'Disconnect',
    none: 'None.',
    methodsTitle: 'Sign-in methods',
    remove: 'Remove',
    kinds: { password: 'Password', passkey: 'Passkey', upstream: 'External sign-in' },
    withCode: ' (with one-time code)',
    clientsTitle: 'Registered services',
    name: 'Service name',
    redirectUri: 'Redirect URI',
    attributes: 'Information it may ask for',
    register: 'Register',
    disable: 'Disable',
    secretOnce: (id, secret) => `Client ID ${id} / secret ${secret} (shown only now)`,
    disabled: 'disabled',
    securityTitle: 'Sign-in settings',
    signInFirst: 'Sign in first to change these settings',
    passwordTitle: 'Password',
    currentPassword: 'Current password',
    newPassword: 'New password (10 characters or more)',
    setPassword: 'Set password',
    changePassword: 'Change password',
    passwordSaved: 'The password is saved.',
    totpTitle: 'One-time code (two-step sign-in)',
    totpLead: 'An authenticator app makes a 6-digit code that you enter with your password.',
    totpNeedsPassword: 'A one-time code is the second factor of a password; set a password first.',
    totpStart: 'Start setting up a one-time code',
    totpQrAlt: 'QR code to scan with an authenticator app',
    totpKey: 'Key to type if you cannot scan',
    totpCode: 'The 6-digit code your authenticator app shows',
    totpConfirm: 'Turn the one-time code on',
    totpOn: 'The one-time code is on.',
    recoveryTitle: 'Recovery codes',
    recoveryLead:
      'Each works once in place of a one-time code if you lose your authenticator app. They are shown only now; keep them somewhere safe.',
    passkeyTitle: 'Passkeys',
    passkeyLabel: 'Name of the passkey (say, my phone)',
    passkeyAdd: 'Add a passkey',
    passkeyDefaultLabel: 'Passkey',
    passkeyAdded: (label) => `The passkey "${label}" is added.`,
    somethingFailed: 'That did not work; try again.',
  },
};

export const ATTRIBUTE_LABELS = {
  ja: { name: '氏名', email: 'メールアドレス', phone: '電話番号', address: '住所', offline_access: '不在時のアクセス' },
  en: { name: 'Name', email: 'Email', phone: 'Phone', address: 'Address', offline_access: 'Access while away' },
};

export function languageOf(element) {
  return (element.getAttribute('lang') ?? element.language) === 'en' ? 'en' : 'ja';
}

export function text(element) {
  return TEXTS[languageOf(element)];
}

/** An element with properties and children; text is set, never parsed as HTML. */
export function el(tag, properties = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name.startsWith('aria-') || name === 'for' || name === 'role') element.setAttribute(name, value);
    else element[name] = value;
  }
  element.append(...children);
  return element;
}

export async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw Object.assign(new Error(answer?.detail ?? String(response.status)), { answer });
  return answer;
}
