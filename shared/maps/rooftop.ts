// "Rooftop": a smaller open-air map with planters, benches and a DJ corner.
import type { MapDefinition } from "./tiles.ts";

export const rooftopMap: MapDefinition = {
  id: "rooftop",
  name: "Rooftop",
  tileSize: 32,
  rows: [
    "########################",
    "#P...P....DDDD....P...P#",
    "#......................#",
    "#..====........,,,,,,..#",
    "#..====...SS...,,TT,,..#",
    "#..====........,,TT,,..#",
    "#.........SS...,,,,,,..#",
    "#P....................P#",
    "#....c.c.........c.c...#",
    "#...cCCc........cCCc...#",
    "#....c.c.........c.c...#",
    "#P.........oo.........P#",
    "###########oo###########",
  ],
};
