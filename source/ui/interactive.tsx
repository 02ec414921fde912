import { App, type AppProps } from './App.js';
import { renderUntilExit } from './render-until-exit.js';

/** Renders the app until it exits; returns the exit code. Only loaded in a terminal. */
export function runInteractive(props: Omit<AppProps, 'onExit'>): Promise<number> {
  return renderUntilExit((onExit) => <App {...props} onExit={onExit} />);
}
