/**
 * Flags instruction-like text inside retrieved or ingested document text ("ignore previous
 * instructions", role tags, attempts to close the prompt's `<source>` delimiters ...).
 * Detection only reports: the answer prompt already treats sources as escaped data, and the
 * citation checker drops anything invented; this feeds the PROMPT_INJECTION_SUSPECTED event.
 */

export interface InjectionReport {
  suspected: boolean;
  /** Names of the patterns that matched, in catalogue order. */
  patterns: string[];
}

const PATTERNS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'ignore-previous-instructions', pattern: /\b(?:ignore|forget|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|of\s+)*(?:previous|prior|above|earlier|preceding|system)\s+(?:instructions?|prompts?|rules?|directions?|messages?)/i },
  { name: 'disregard-above', pattern: /\bdisregard\s+(?:all\s+|everything\s+|the\s+|any\s+)*(?:above|previous|prior|preceding|instructions?|rules?)/i },
  { name: 'system-prompt', pattern: /\bsystem\s*prompt\b/i },
  { name: 'reveal-secret', pattern: /\b(?:reveal|print|show|output|leak|display|tell\s+me|give\s+me|send|repeat)\b[^.\n]{0,80}\b(?:api[\s_-]?key|secret|password|token|credentials?|_KEY\b|instructions)/i },
  { name: 'you-are-now', pattern: /\byou\s+are\s+now\b|\bfrom\s+now\s+on,?\s+you\b|\bact\s+as\s+(?:an?\s+)?(?:unrestricted|jailbroken|different)\b/i },
  { name: 'new-instructions', pattern: /\b(?:new|updated|real)\s+instructions?\s*:/i },
  { name: 'role-tag', pattern: /<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id)\|>|\[\/?INST\]|<<\/?SYS>>|^\s*(?:system|assistant)\s*:/im },
  { name: 'delimiter-escape', pattern: /<\s*\/\s*(?:source|sources|quote|context|system|instructions?)\s*>|<\s*(?:source|sources|system)\b[^>]*>/i },
  { name: 'fake-citation-instruction', pattern: /\bcite\s+(?:this|the following)\s+as\b/i },
];

export function detectInjection(text: string): InjectionReport {
  // Normalise zero-width characters and compatibility forms so "ig\u200Bnore" still matches.
  const normalized = text.normalize('NFKC').replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '');
  const patterns = PATTERNS.filter((p) => p.pattern.test(normalized)).map((p) => p.name);
  return { suspected: patterns.length > 0, patterns };
}
