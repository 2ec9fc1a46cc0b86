/** The sandbox provider's hosted payment page: it says plainly that no money moves. */
export function sandboxPage(session: { id: string; amount: number; status: string }): string {
  const amount = new Intl.NumberFormat('ja-JP').format(session.amount);
  const actions =
    session.status === 'pending'
      ? `<form method="post" action="/sessions/${session.id}/pay"><button type="submit">支払う（テスト）</button></form>
         <form method="post" action="/sessions/${session.id}/cancel"><button type="submit">キャンセル</button></form>`
      : `<p>この決済は${session.status === 'completed' ? '完了' : '取り消し'}済みです。</p>`;
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>サンドボックス決済（テスト用・実際の支払いは行われません）</title></head>
<body><main>
<h1>サンドボックス決済</h1>
<p role="note"><strong>これはテスト用の決済画面です。実際の支払いは行われません。</strong>
This is the sandbox payment provider: no money is moved.</p>
<p>お支払い金額: <strong>${amount} 円</strong></p>
${actions}
</main></body></html>`;
}
