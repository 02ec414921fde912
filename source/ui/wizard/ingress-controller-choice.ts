import {
  defaultIngressController,
  ingressControllers,
  type IngressControllerName,
} from '../../config/schema.js';
import { controllerOf } from '../../engine/desired/ingress-controller.js';
import type { ChoiceItem } from './ChoiceList.js';
import type { PartialAnswers } from '../../config/partial-answers.js';

/** Traefik first and recommended; ingress-nginx marked with why it is a second thought. */
export function ingressControllerChoices(): ChoiceItem[] {
  return ingressControllers.map((name) => {
    const controller = controllerOf(name);
    return {
      value: name,
      label:
        name === defaultIngressController ? `${controller.label} (recommended)` : controller.label,
      detail: `chart ${controller.chart}, a DaemonSet behind one NSX-T virtual server`,
      ...(controller.caveat ? { warnings: [controller.caveat] } : {}),
    };
  });
}

export function currentIngressController(answers: PartialAnswers): IngressControllerName {
  return answers.ingress?.controller ?? defaultIngressController;
}
