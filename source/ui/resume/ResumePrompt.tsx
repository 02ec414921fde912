import { Select } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { SessionSummary } from '../../session/session-store.js';
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
        <Select
          options={sessionOptions(sessions)}
          visibleOptionCount={8}
          onChange={(id) => onChoice({ kind: 'resume', id })}
        />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold>{resumeQuestion(latest)}</Text>
      <Select
        options={resumeOptions(latest)}
        onChange={(value) => {
          if (value === 'resume') onChoice({ kind: 'resume', id: latest.id });
          else if (value === 'start-over') onChoice({ kind: 'start-over' });
          else setPicking(true);
        }}
      />
    </Box>
  );
}
