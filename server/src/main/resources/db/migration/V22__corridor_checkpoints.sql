-- The checkpoints standing on a corridor are the checkpoints registered with that corridor's id
-- (checkpoints.corridor_id): the placeholder table of V10 becomes a view over them. A checkpoint may
-- name a corridor a partner defined, which this region does not hold, so there is no foreign key.
drop table corridor_checkpoints;

create view corridor_checkpoints as
  select corridor_id, id as checkpoint_id from checkpoints where corridor_id is not null;
