// The widget page's entry (/embed/:loungeId).
import { WidgetPage } from "./widget-page.ts";
import "./widget.css";

const page = new WidgetPage();
document.body.append(page.root);
void page.start();
