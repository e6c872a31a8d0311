/**
 * A reply already written as JSON text, sent as it is: a hello's catch-up is made of deltas that
 * a thousand screens coming back are each sent, so each delta is written once per scope
 * (delta-json.ts) and every reply is put together from the same text. Binary parts travel as
 * Socket.IO attachments: `json` names them by `placeholder(i)`, in the order of `attachments`.
 */
export class EncodedJson {
  constructor(
    readonly json: string,
    readonly attachments: readonly (ArrayBuffer | Uint8Array)[] = [],
  ) {}
}

/** How Socket.IO's wire format stands for the `num`th binary attachment inside a packet's JSON. */
export const placeholder = (num: number): string => `{"_placeholder":true,"num":${num}}`;
