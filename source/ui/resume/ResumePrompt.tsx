import { Box, Text } from 'ink';
import { useState } from 'react';
import type { SessionSummary } from '../../session/session-store.js';
import { ChoiceList } from '../wizard/ChoiceList.js';
import { KeyHints } from '../keys/KeyHints.js';
import {
  resumeOptions,
  resumeQuestion,
  sessionOptions,
  type ResumeChoice,
} from './resume-choices.js';

export interface ResumePromptProps {
  latest: SessionSummary;
  sessions: SessionSummary[];
  onChoice(choice: Exclude<ResumeChoice, { kind: 'pick' }>): void;
}

/** Offered on start when an unfinished session exists. */
export function ResumePrompt({ latest, sessions, onChoice }: ResumePromptProps) {
  const [picking, setPicking] = useState(false);
  if (picking) {
    return (
      <Box flexDirection="column">
        <Text bold>Which session?</Text>
        <ChoiceList
          key="sessions"
          items={sessionOptions(sessions)}
          onSubmit={(id) => onChoice({ kind: 'resume', id })}
        />
        <KeyHints screen="resume-pick" />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold>{resumeQuestion(latest)}</Text>
      <ChoiceList
        key="offer"
        items={resumeOptions(latest)}
        onSubmit={(value) => {
          if (value === 'resume') onChoice({ kind: 'resume', id: latest.id });
          else if (value === 'start-over') onChoice({ kind: 'start-over' });
          else setPicking(true);
        }}
      />
      <KeyHints screen="resume-offer" />
    </Box>
  );
}
