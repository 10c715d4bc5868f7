// Moving between the start page and lounges without reloading (history API).
export interface NavigationState { autojoin?: boolean }
export type Navigate = (path: string, state?: NavigationState) => void;
