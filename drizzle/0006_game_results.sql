CREATE TABLE "game_ratings" (
	"user_id" text NOT NULL,
	"game_id" text NOT NULL,
	"rating" integer NOT NULL,
	"games" integer DEFAULT 0 NOT NULL,
	"wins" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "game_ratings_user_id_game_id_pk" PRIMARY KEY("user_id","game_id")
);
--> statement-breakpoint
CREATE TABLE "game_result_seats" (
	"result_id" bigint NOT NULL,
	"game_seat" integer NOT NULL,
	"user_id" text,
	"name" text NOT NULL,
	"bot" boolean DEFAULT false NOT NULL,
	"rank" integer NOT NULL,
	"score" integer NOT NULL,
	"rating_before" integer,
	"rating_after" integer,
	CONSTRAINT "game_result_seats_result_id_game_seat_pk" PRIMARY KEY("result_id","game_seat")
);
--> statement-breakpoint
CREATE TABLE "game_results" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "game_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"lounge_id" text NOT NULL,
	"game_id" text NOT NULL,
	"players" integer NOT NULL,
	"finished_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "game_ratings" ADD CONSTRAINT "game_ratings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "game_result_seats" ADD CONSTRAINT "game_result_seats_result_id_game_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."game_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "game_result_seats" ADD CONSTRAINT "game_result_seats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "game_results" ADD CONSTRAINT "game_results_lounge_id_lounges_id_fk" FOREIGN KEY ("lounge_id") REFERENCES "public"."lounges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "game_ratings_board_idx" ON "game_ratings" USING btree ("game_id","rating");--> statement-breakpoint
CREATE INDEX "game_result_seats_user_idx" ON "game_result_seats" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "game_results_game_idx" ON "game_results" USING btree ("game_id","finished_at");