// A payout sent by the merchant: confirmed on `ready_to_confirm` only when
// the amount and currency are the ones recorded (operation.js does that),
// with the same retries and reconciliation as orders.
import { OperationObject } from "./operation.js";

export class Payout extends OperationObject {}
