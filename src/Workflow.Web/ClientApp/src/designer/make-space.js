// An element dropped on a sequence flow (or anywhere) where there is no room does not overlap its neighbours: it moves
// right of a neighbour on its left, and everything to its right moves right by what is missing, as the space tool would,
// in the same command (one Ctrl+Z undoes all). Flows in this product run left to right: room is made on that axis only.
import inherits from 'inherits-browser';
import CommandInterceptor from 'diagram-js/lib/command/CommandInterceptor';

const GAP = 40;

const isPlaced = (element) => !element.labelTarget && !element.waypoints && element.parent && element.type !== 'bpmn:Process'
  && element.type !== 'bpmn:Collaboration';

const overlaps = (a, b, margin) => a.x - margin < b.x + b.width && b.x < a.x + a.width + margin
  && a.y - margin < b.y + b.height && b.y < a.y + a.height + margin;

const contains = (outer, inner) => outer.x <= inner.x && outer.y <= inner.y
  && outer.x + outer.width >= inner.x + inner.width && outer.y + outer.height >= inner.y + inner.height;

export default function MakeSpaceBehavior(eventBus, elementRegistry, spaceTool, modeling) {
  CommandInterceptor.call(this, eventBus);

  // After bpmn-js has created the element and reconnected the flow it was dropped on; one element placed from the
  // palette (a paste of several keeps its own layout; the context pad's append already finds a free place).
  this.postExecuted('elements.create', 500, (context) => {
    const shapes = (context.elements ?? []).filter((element) => !element.labelTarget && !element.waypoints);
    if (shapes.length !== 1) return;
    const [shape] = shapes;
    if (!isPlaced(shape) || shape.host) return;
    const crowding = () => elementRegistry.filter((other) => other !== shape && isPlaced(other) && !other.host
      && other.parent === shape.parent && !contains(other, shape) && overlaps(shape, other, GAP / 4));
    const centre = (element) => element.x + (element.width / 2);
    // A neighbour on the left it was dropped onto: the new element moves right of it.
    const left = crowding().filter((other) => centre(other) < centre(shape));
    if (left.length > 0) {
      const dx = Math.ceil(Math.max(...left.map((other) => other.x + other.width)) + GAP - shape.x);
      if (dx > 0) modeling.moveShape(shape, { x: dx, y: 0 });
    }
    // Neighbours on the right: they, and everything after them, move right by what is missing.
    const right = crowding().filter((other) => !left.includes(other));
    if (right.length === 0) return;
    const first = Math.min(...right.map((other) => other.x));
    const delta = Math.ceil(shape.x + shape.width + GAP - first);
    if (delta <= 0) return;
    const start = first - 1;
    const elements = elementRegistry.filter((element) => element !== shape && element.labelTarget !== shape);
    const { movingShapes, resizingShapes } = spaceTool.calculateAdjustments(elements, 'x', delta, start);
    if (movingShapes.length > 0) modeling.createSpace(movingShapes, resizingShapes, { x: delta, y: 0 }, 'e', start);
  }, true);
}

inherits(MakeSpaceBehavior, CommandInterceptor);
MakeSpaceBehavior.$inject = ['eventBus', 'elementRegistry', 'spaceTool', 'modeling'];

export const MakeSpaceModule = {
  __init__: ['makeSpaceBehavior'],
  makeSpaceBehavior: ['type', MakeSpaceBehavior],
};
