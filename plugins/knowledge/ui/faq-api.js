/**
 * How the smart FAQ talks to the plugin: as the signed-in resident through the actions, or, on
 * the anonymous page, through the public routes (public knowledge only, rate limited).
 */
export function faqApi({ anonymous }) {
  async function call(name, body, language) {
    const path = anonymous ? `/api/public/knowledge/${name}` : `/api/actions/knowledge.${name}`;
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'accept-language': language },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`knowledge.${name}: ${response.status}`);
    return response.json();
  }
  return {
    search: (body, language) => call('search', body, language),
    feedback: (body, language) => call('feedback', body, language),
    areas: (language) => call('areas', {}, language),
    /** The area the signed-in resident picked last; none for anyone else. */
    rememberedArea: async (language) => {
      if (anonymous) return null;
      const preference = await call('myPreferences', {}, language).catch(() => null);
      return preference?.area ? [preference.city ?? '', preference.area] : null;
    },
    /** Keeps the picked area in the signed-in resident's preferences; nothing for anyone else. */
    rememberArea: async (city, area, language) => {
      if (anonymous) return;
      await call('rememberArea', { city: city || null, area: area || null }, language).catch(() => undefined);
    },
  };
}
