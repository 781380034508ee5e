/** Anti-cheat signals recorded during an interview (tab switches, long silences, slow answers). */
export interface AntiCheatSignal {
  type: 'tab_switch' | 'silence' | 'latency';
  timestamp: string;
  duration?: number;
}
