import type { PageLanguage } from '../http/page-language.ts';

interface LogoutTexts {
  confirmTitle: string;
  confirmQuestion: string;
  yes: string;
  no: string;
  doneTitle: string;
  doneBody: string;
}

/** The words of the provider's sign-out pages in the portals' seven languages. */
export const LOGOUT_TEXTS: Record<PageLanguage, LogoutTexts> = {
  ja: {
    confirmTitle: 'サインアウトの確認',
    confirmQuestion: 'サインアウトしますか。市のサービスすべてからサインアウトします。',
    yes: 'サインアウトする',
    no: 'サインインしたままにする',
    doneTitle: 'サインアウトしました',
    doneBody: 'サインアウトしました。このページは閉じてかまいません。',
  },
  'ja-x-easy': {
    confirmTitle: 'サインアウトの かくにん',
    confirmQuestion: 'サインアウト しますか。市の サービス すべてから サインアウト します。',
    yes: 'サインアウト する',
    no: 'サインイン した ままに する',
    doneTitle: 'サインアウト しました',
    doneBody: 'サインアウト しました。この ページは とじて だいじょうぶです。',
  },
  en: {
    confirmTitle: 'Sign out',
    confirmQuestion: 'Do you want to sign out? You will be signed out of every city service.',
    yes: 'Sign out',
    no: 'Stay signed in',
    doneTitle: 'Signed out',
    doneBody: 'You have signed out. You may close this page.',
  },
  'zh-Hans': {
    confirmTitle: '确认退出登录',
    confirmQuestion: '要退出登录吗？将从市里的所有服务退出登录。',
    yes: '退出登录',
    no: '保持登录',
    doneTitle: '已退出登录',
    doneBody: '已退出登录。您可以关闭此页面。',
  },
  'zh-Hant': {
    confirmTitle: '確認登出',
    confirmQuestion: '要登出嗎？將從市內的所有服務登出。',
    yes: '登出',
    no: '保持登入',
    doneTitle: '已登出',
    doneBody: '已登出。您可以關閉此頁面。',
  },
  ko: {
    confirmTitle: '로그아웃 확인',
    confirmQuestion: '로그아웃하시겠습니까? 시의 모든 서비스에서 로그아웃됩니다.',
    yes: '로그아웃',
    no: '로그인 상태 유지',
    doneTitle: '로그아웃했습니다',
    doneBody: '로그아웃했습니다. 이 페이지를 닫아도 됩니다.',
  },
  vi: {
    confirmTitle: 'Xác nhận đăng xuất',
    confirmQuestion: 'Bạn có muốn đăng xuất không? Bạn sẽ được đăng xuất khỏi mọi dịch vụ của thành phố.',
    yes: 'Đăng xuất',
    no: 'Vẫn đăng nhập',
    doneTitle: 'Đã đăng xuất',
    doneBody: 'Bạn đã đăng xuất. Bạn có thể đóng trang này.',
  },
};
